import { type Day, say, send } from './script.ts';

/**
 * The last days: a raid is planned, Saber joins the 攻略组, and today's newest messages are
 * left unread for kirito (one mentions him), so a newcomer signing in as kirito sees badges.
 * On `day: 0` the times are minutes before the seed runs.
 */
export const lateDays: Day[] = [
  {
    day: 2,
    steps: [
      ['07:30', send('aincrad', 'kirito', { voice: 'gate' })],
      ['07:32', send('aincrad', 'asuna', { sticker: '👌' })],
      ['07:40', say('aincrad', 'alice', 'On my way!')],
      [
        '12:00',
        say('aincrad', 'asuna', '今天清了安全区附近的怪，掉了两把好剑 ⚔️', { reactions: { kirito: '🎉' } }),
      ],
      ['12:05', say('aincrad', 'kirito', '其中一把给 Alice 吧，她的剑该换了。', { key: 'sword' })],
      ['12:07', say('aincrad', 'alice', "谢谢！I'll take good care of it.", { replyTo: 'sword' })],
      ['15:00', { do: 'invite', group: 'aincrad', by: 'alice', who: 'saber' }],
      [
        '15:12',
        say('aincrad', 'saber', '我来了。Boss 战需要一名骑士吧？', {
          reactions: { asuna: '👍', kirito: '👍' },
        }),
      ],
      ['15:14', say('aincrad', 'asuna', '欢迎 Saber！正好缺一个前排 🛡️')],
      [
        '15:20',
        { do: 'ask', from: 'saber', to: 'kirito', note: '我在攻略组看到你了。Shall we spar sometime?' },
      ],
      ['20:00', send('kirito+asuna', 'asuna', { voice: 'dinner' })],
      ['20:02', say('kirito+asuna', 'kirito', '马上到！')],
      [
        '21:00',
        send('cooking', 'saber', {
          picture: 'ramen',
          text: 'My attempt: ramen 🍜 Simple, but worthy of a king.',
          reactions: { alice: '❤️', asuna: '👍' },
        }),
      ],
      ['21:02', say('cooking', 'alice', 'That looks amazing, Saber!')],
    ],
  },
  {
    day: 1,
    steps: [
      ['09:30', send('kirito+alice', 'alice', { voice: 'library' })],
      ['09:40', say('kirito+alice', 'kirito', "I'll be there. Bringing the map notes.")],
      ['09:41', send('kirito+alice', 'alice', { sticker: '👍' })],
      [
        '13:00',
        say(
          'aincrad',
          'asuna',
          '明晚八点打 Boss，大家准备好回复药水！\nBoss raid tomorrow 8pm, bring potions!',
          {
            key: 'raid',
            reactions: { kirito: '👍', alice: '👍', saber: '👍' },
          },
        ),
      ],
      ['13:05', say('aincrad', 'kirito', '我还是打输出，前排交给 Saber。', { replyTo: 'raid' })],
      ['13:06', say('aincrad', 'saber', 'I will hold the front line.')],
      [
        '16:00',
        say(
          'lobby',
          'admin',
          'Heads-up: the server restarts tonight at 23:00 for an update (about a minute).\n今晚 23:00 重启更新，大约一分钟。',
        ),
      ],
      ['16:10', say('lobby', 'kirito', '👍 thanks for the heads-up')],
      ['18:30', say('cooking', 'alice', 'Next challenge: dumplings 饺子! Who is in?', { key: 'dumplings' })],
      ['18:35', say('cooking', 'asuna', "我会包饺子！I'll bring the dough.", { replyTo: 'dumplings' })],
      [
        '18:40',
        say('cooking', 'saber', 'I am in. I will eat them.', { reactions: { alice: '😂', kirito: '😂' } }),
      ],
      ['22:00', say('kirito+asuna', 'asuna', '明天 Boss 战，早点睡哦。')],
      ['22:02', say('kirito+asuna', 'kirito', '好，晚安。')],
      ['22:03', send('kirito+asuna', 'kirito', { sticker: '🌙' })],
    ],
  },
  {
    day: 0,
    steps: [
      [
        95,
        say(
          'admin+kirito',
          'admin',
          'The update is done: search is much faster now. Let me know if anything looks odd.',
        ),
      ],
      [70, say('cooking', 'asuna', 'Dough is ready. Dumpling party at my place? 🥟')],
      [68, send('cooking', 'saber', { sticker: '🎉' })],
      [40, say('aincrad', 'alice', 'Potions bought: 20 each. Anything else?')],
      [35, say('aincrad', 'saber', '剑已经磨好了。')],
      [20, say('aincrad', 'asuna', '@kirito 你的装备修好了吗？Boss 战就靠你了！')],
      [10, say('kirito+asuna', 'asuna', '在吗？😤')],
      [8, say('kirito+asuna', 'asuna', '别忘了 Boss 战！')],
    ],
  },
];
