import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { createParley } from '../app.ts';
import type { Config } from '../config/settings.ts';
import { type DemoApi, demoApi } from './api.ts';
import { installDemoClock } from './clock.ts';
import { earlyDays } from './history-early.ts';
import { lateDays } from './history-late.ts';
import { avatarPicture, document, picture, voiceClip } from './media.ts';
import { type Timed, schedule } from './schedule.ts';
import type { Line, Step } from './script.ts';
import { type Chat, type GroupKey, type Username, demoPassword, groups, people } from './world.ts';

/**
 * Writes the demo world into an empty data folder: opens Parley on `config` with the clock
 * set back to the story's first morning, plays every step through the REST API at its moment
 * (script.ts, history-*.ts), signs the seed's sessions out and closes. Afterwards the folder
 * holds what five people would have left after a week of chatting, and main.ts serves it.
 */
export async function seedDemo(config: Config, now = new Date()): Promise<void> {
  const timeline = schedule([...earlyDays, ...lateDays], now);
  const clock = installDemoClock();
  try {
    clock.set(new Date(timeline[0]!.at.getTime() - 10 * 60_000));
    const parley = await createParley(config, pino({ level: 'silent' }));
    try {
      const world = new Seed(demoApi(parley.app));
      for (const { at, step } of timeline) {
        clock.set(at);
        await world.play(step, (seconds) => clock.set(new Date(at.getTime() + seconds * 1000)));
      }
      await world.signOut();
    } finally {
      await parley.close();
    }
  } finally {
    clock.restore();
  }
}

/** Moves the clock to `seconds` after the step's moment (a reply to a request, a reaction). */
type Later = (seconds: number) => void;

class Seed {
  private tokens = new Map<Username, string>();
  private userIds = new Map<Username, string>();
  private groupIds = new Map<GroupKey, string>();
  private directIds = new Map<string, string>();
  /** Lines said so far that a later one may reply to, by their `key`. */
  private keyed = new Map<string, string>();
  private stickers = new Map<string, string>();
  private lobbyId = 'lobby';

  constructor(private api: DemoApi) {}

  async play(step: Timed['step'], later: Later): Promise<void> {
    switch (step.do) {
      case 'register':
        return this.register(step.who, later);
      case 'befriend':
      case 'ask':
        return this.befriend(step, later);
      case 'make-group':
        return this.makeGroup(step.group, later);
      case 'invite':
        return this.invite(step.group, step.by, step.who, later);
      case 'say':
        return this.say(step, later);
      case 'read-all':
        return this.readAll();
    }
  }

  private token(who: Username): string {
    const token = this.tokens.get(who);
    if (!token) throw new Error(`demo story: ${who} acts before registering`);
    return token;
  }

  private id(who: Username): string {
    return this.userIds.get(who)!;
  }

  private async register(who: Username, later: Later): Promise<void> {
    const person = people[who];
    const auth = await this.api.call('POST', '/auth/register', undefined, {
      username: person.username,
      displayName: person.displayName,
      password: demoPassword,
      deviceName: 'Demo seed',
    });
    this.tokens.set(who, auth.token);
    this.userIds.set(who, auth.user.id);
    later(20);
    await this.api.call('PATCH', '/me', auth.token, { bio: person.bio });
    const uploadId = await this.api.upload(
      auth.token,
      'image',
      `${who}.png`,
      await avatarPicture(person.avatar),
    );
    await this.api.call('PUT', '/me/avatar', auth.token, { uploadId });
    if (this.stickers.size === 0) {
      const { packs } = await this.api.call('GET', '/stickers', auth.token);
      for (const sticker of packs[0].stickers) this.stickers.set(sticker.emoji, sticker.id);
      this.lobbyId = (await this.api.call('GET', '/server')).lobbyId;
    }
  }

  /** A friend request, accepted two minutes later unless the step only asks. */
  private async befriend(step: Extract<Step, { do: 'befriend' | 'ask' }>, later: Later): Promise<void> {
    const asked = await this.api.call('POST', '/friend-requests', this.token(step.from), {
      userId: this.id(step.to),
      note: step.note,
    });
    if (step.do === 'ask') return;
    later(40);
    await this.api.call('POST', `/friend-requests/${asked.request.id}/accept`, this.token(step.to));
  }

  private async makeGroup(key: GroupKey, later: Later): Promise<void> {
    const group = groups[key];
    const owner = this.token(group.owner);
    const created = await this.api.call('POST', '/groups', owner, {
      name: group.name,
      description: group.description,
      memberIds: group.members.map((who) => this.id(who)),
    });
    this.groupIds.set(key, created.id);
    later(30);
    const uploadId = await this.api.upload(owner, 'image', `${key}.png`, await avatarPicture(group.avatar));
    await this.api.call('PUT', `/groups/${created.id}/avatar`, owner, { uploadId });
  }

  private async invite(key: GroupKey, by: Username, who: Username, later: Later): Promise<void> {
    const groupId = this.groupIds.get(key)!;
    const { invitations } = await this.api.call('POST', `/groups/${groupId}/invitations`, this.token(by), {
      userIds: [this.id(who)],
    });
    later(50);
    await this.api.call('POST', `/group-invitations/${invitations[0].id}/accept`, this.token(who));
  }

  private async say(line: Line, later: Later): Promise<void> {
    const token = this.token(line.from);
    const conversationId = await this.conversation(line.chat, line.from);
    const attachmentId = await this.attach(token, line);
    const ack = await this.api.call('POST', `/conversations/${conversationId}/messages`, token, {
      clientMsgId: randomUUID(),
      ...(line.text !== undefined && { text: line.text }),
      ...(attachmentId !== undefined && { attachmentId }),
      ...(line.sticker !== undefined && { stickerId: this.stickers.get(line.sticker) }),
      ...(line.replyTo !== undefined && { replyToId: this.keyed.get(line.replyTo) }),
    });
    if (line.key) this.keyed.set(line.key, ack.id);
    let seconds = 15;
    for (const [who, emoji] of Object.entries(line.reactions ?? {})) {
      later((seconds += 7));
      await this.api.call(
        'PUT',
        `/messages/${ack.id}/reactions/${encodeURIComponent(emoji)}`,
        this.token(who as Username),
      );
    }
  }

  /** Uploads the line's picture, file or voice clip first, as a client does before sending. */
  private async attach(token: string, line: Line): Promise<string | undefined> {
    const [kind, file] = line.picture
      ? (['image', await picture(line.picture)] as const)
      : line.document
        ? (['file', document(line.document)] as const)
        : line.voice
          ? (['voice', await voiceClip(line.voice)] as const)
          : [undefined, undefined];
    if (!kind) return undefined;
    return this.api.upload(token, kind, file.filename, file.bytes);
  }

  private async conversation(chat: Chat, from: Username): Promise<string> {
    if (chat === 'lobby') return this.lobbyId;
    if (chat in groups) return this.groupIds.get(chat as GroupKey)!;
    const known = this.directIds.get(chat);
    if (known) return known;
    const [a, b] = chat.split('+') as [Username, Username];
    const other = from === a ? b : a;
    const { id } = await this.api.call('POST', '/conversations/direct', this.token(from), {
      userId: this.id(other),
    });
    this.directIds.set(chat, id);
    return id;
  }

  /** Everyone reads every conversation they are in, to its newest message. */
  private async readAll(): Promise<void> {
    for (const token of this.tokens.values()) {
      const { conversations } = await this.api.call('GET', '/conversations', token);
      for (const { id, lastSeq } of conversations) {
        await this.api.call('POST', `/conversations/${id}/read`, token, { seq: lastSeq });
      }
    }
  }

  /** The seed's device sessions end, so nobody finds a "Demo seed" device in their list. */
  async signOut(): Promise<void> {
    for (const token of this.tokens.values()) await this.api.call('POST', '/auth/logout', token);
  }
}
