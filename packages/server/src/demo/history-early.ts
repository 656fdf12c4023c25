import { type Day, say, send } from './script.ts';

/**
 * The first three days: everyone arrives, makes friends, and the two groups begin. Keep each
 * day's times rising; seed.ts plays every step at its moment.
 */
export const earlyDays: Day[] = [
  {
    day: 5,
    steps: [
      ['09:00', { do: 'register', who: 'admin' }],
      [
        '09:05',
        say(
          'lobby',
          'admin',
          'Welcome to Parley! 欢迎来到 Parley 👋\nThis is the lobby: everyone on the server is here. Say hi!',
          { key: 'welcome' },
        ),
      ],
      ['09:20', { do: 'register', who: 'kirito' }],
      ['09:22', say('lobby', 'kirito', 'Hi all! 大家好 👋', { reactions: { admin: '👋' } })],
      ['09:31', { do: 'register', who: 'asuna' }],
      ['09:33', say('lobby', 'asuna', '大家好～我是亚丝娜，请多关照！', { reactions: { kirito: '👋' } })],
      ['09:40', { do: 'befriend', from: 'asuna', to: 'kirito', note: '是我，亚丝娜！' }],
      ['09:44', say('kirito+asuna', 'asuna', '早上好！今天也一起去攻略吗？')],
      ['09:46', say('kirito+asuna', 'kirito', '当然。九点在转移门广场见？')],
      ['09:47', send('kirito+asuna', 'asuna', { sticker: '👌' })],
      ['10:02', { do: 'register', who: 'alice' }],
      [
        '10:05',
        say('lobby', 'alice', 'Hello everyone, Alice here. Is there a reading corner on this server? 📚', {
          key: 'reading',
        }),
      ],
      [
        '10:07',
        say('lobby', 'admin', 'Not yet. Make a group for it! Anyone can start one from the chat list.', {
          replyTo: 'reading',
        }),
      ],
      ['10:20', { do: 'befriend', from: 'alice', to: 'kirito', note: 'We met at the library, remember?' }],
      [
        '10:24',
        say('kirito+alice', 'alice', 'Thanks for accepting! Do you still have that map of the Underworld?'),
      ],
      ['10:26', say('kirito+alice', 'kirito', "Somewhere. I'll dig it out tonight.")],
      ['10:40', { do: 'register', who: 'saber' }],
      ['10:42', say('lobby', 'saber', 'Saber. I have arrived. 请多指教。', { reactions: { alice: '🙏' } })],
      ['11:00', { do: 'befriend', from: 'saber', to: 'alice', note: '同是骑士，交个朋友吧。' }],
      ['11:30', { do: 'befriend', from: 'asuna', to: 'alice', note: "Kirito's friend, nice to meet you!" }],
      [
        '12:00',
        {
          do: 'befriend',
          from: 'admin',
          to: 'kirito',
          note: 'Server admin here. Ping me if anything breaks.',
        },
      ],
      [
        '12:05',
        say(
          'admin+kirito',
          'admin',
          'Welcome aboard! If anything looks broken, tell me here. 有问题随时找我。',
        ),
      ],
      ['12:09', say('admin+kirito', 'kirito', 'Will do, thanks! Voice messages work great btw.')],
      [
        '20:10',
        send('kirito+asuna', 'asuna', {
          picture: 'sunset',
          text: '今天的夕阳 🌅',
          key: 'sunset',
          reactions: { kirito: '❤️' },
        }),
      ],
      ['20:12', say('kirito+asuna', 'kirito', '好美。明天一起去湖边看吧。', { replyTo: 'sunset' })],
      ['21:30', say('alice+saber', 'alice', 'Saber, would you join a cooking club if I started one?')],
      ['21:34', say('alice+saber', 'saber', 'If there is food, I am there.', { reactions: { alice: '😂' } })],
    ],
  },
  {
    day: 4,
    steps: [
      ['09:00', { do: 'make-group', group: 'aincrad' }],
      [
        '09:02',
        say('aincrad', 'asuna', '攻略组建好了！以后 Boss 战的计划都在这里讨论。', {
          reactions: { kirito: '👍', alice: '🎉' },
        }),
      ],
      ['09:05', say('aincrad', 'kirito', '收到。第 74 层的地图我已经画了一半。')],
      [
        '09:06',
        say('aincrad', 'alice', "Great idea. I'll mostly read along, my Chinese is still rusty 😅", {
          key: 'rusty',
        }),
      ],
      [
        '09:08',
        say('aincrad', 'asuna', 'No worries, English is fine here too! 中英文都可以～', { replyTo: 'rusty' }),
      ],
      [
        '14:30',
        send('aincrad', 'kirito', {
          picture: 'floor-map',
          text: '第 74 层地图，Boss 房在右上角',
          key: 'map',
          reactions: { asuna: '👍', alice: '😮' },
        }),
      ],
      ['14:35', say('aincrad', 'asuna', '太好了！明天我们先把安全区附近清一下。', { replyTo: 'map' })],
      [
        '14:40',
        say('aincrad', 'alice', '@kirito is the dotted line the hidden passage?', { key: 'passage' }),
      ],
      ['14:42', say('aincrad', 'kirito', 'Yes, it opens only from the east side.', { replyTo: 'passage' })],
      [
        '19:00',
        send('kirito+alice', 'kirito', {
          document: 'map-notes',
          text: 'Found it. My notes on the Underworld map.',
        }),
      ],
      ['19:03', say('kirito+alice', 'alice', "You're a lifesaver. Thank you!")],
      ['19:04', send('kirito+alice', 'alice', { sticker: '🙏' })],
      ['21:00', say('kirito+asuna', 'kirito', '今天辛苦了。')],
      ['21:02', send('kirito+asuna', 'asuna', { sticker: '🌙' })],
    ],
  },
  {
    day: 3,
    steps: [
      ['10:00', { do: 'make-group', group: 'cooking' }],
      [
        '10:03',
        say(
          'cooking',
          'alice',
          'Welcome to the club! Post what you cook, good or bad.\nFirst challenge: **strawberry shortcake** 🍓',
          { reactions: { asuna: '🎉', saber: '👍' } },
        ),
      ],
      ['10:10', say('cooking', 'saber', 'I will judge. Fairly.', { reactions: { kirito: '😂' } })],
      ['10:12', say('cooking', 'asuna', '我来做！Challenge accepted.')],
      [
        '12:30',
        send('cooking', 'asuna', {
          document: 'shopping-list',
          text: 'Shopping list: 草莓、淡奶油、低筋面粉…',
        }),
      ],
      [
        '18:40',
        send('cooking', 'asuna', {
          picture: 'shortcake',
          text: 'Strawberry shortcake, attempt #1 🍓',
          key: 'cake',
          reactions: { alice: '❤️', saber: '👍', kirito: '😮' },
        }),
      ],
      [
        '18:45',
        say('cooking', 'saber', 'This is… excellent. I need a second piece for a proper verdict.', {
          replyTo: 'cake',
        }),
      ],
      ['18:47', say('cooking', 'kirito', 'Can confirm, I ate the first piece 😋')],
      ['18:50', say('cooking', 'alice', '@asuna recipe please!!')],
      ['19:05', send('cooking', 'asuna', { document: 'shortcake-recipe', text: 'Here you go 🍰' })],
      ['22:00', say('aincrad', 'alice', '明天几点集合？', { key: 'when' })],
      ['22:03', say('aincrad', 'asuna', '早上八点，转移门广场。', { replyTo: 'when' })],
    ],
  },
];
