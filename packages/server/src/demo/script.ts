import type { Chat, GroupKey, Username } from './world.ts';

/** The demo's pictures, files and voice clips (media.ts makes or reads them). */
export type Picture = 'sunset' | 'floor-map' | 'shortcake' | 'ramen';
export type Document = 'map-notes' | 'shortcake-recipe' | 'shopping-list';
export type Voice = 'gate' | 'dinner' | 'library';
/** A sticker of the built-in pack, by its keyword. */
export type Sticker = '🙂' | '👍' | '❤️' | '😂' | '🎉' | '🙏' | '👌' | '🌙';

/** One thing someone says: text, or a picture, file or voice clip (with an optional caption), or a sticker. */
export interface Line {
  chat: Chat;
  from: Username;
  text?: string;
  picture?: Picture;
  document?: Document;
  voice?: Voice;
  sticker?: Sticker;
  /** A name for this line, so a later one can reply to it. */
  key?: string;
  replyTo?: string;
  /** Who reacts, and with what, a minute or two later. */
  reactions?: Partial<Record<Username, string>>;
}

export type Step =
  | { do: 'register'; who: Username }
  /** `from` asks, `to` accepts. */
  | { do: 'befriend'; from: Username; to: Username; note: string }
  /** A request nobody has answered yet. */
  | { do: 'ask'; from: Username; to: Username; note: string }
  | { do: 'make-group'; group: GroupKey }
  /** `by` invites `who` into a group, and `who` accepts. */
  | { do: 'invite'; group: GroupKey; by: Username; who: Username }
  | ({ do: 'say' } & Line);

/**
 * A day of the story. `day` is days before today (1 = yesterday), each step at a local time
 * "HH:MM"; the last day, `day: 0`, gives minutes before the seed runs instead, so the newest
 * messages are always moments old and never in the future.
 */
export interface Day {
  day: number;
  steps: [when: string | number, step: Step][];
}

export const say = (
  chat: Chat,
  from: Username,
  text: string,
  more: Omit<Line, 'chat' | 'from' | 'text'> = {},
): Step => ({
  do: 'say',
  chat,
  from,
  text,
  ...more,
});

/** A picture, file, voice clip or sticker, with a caption when `text` is given. */
export const send = (chat: Chat, from: Username, what: Omit<Line, 'chat' | 'from'>): Step => ({
  do: 'say',
  chat,
  from,
  ...what,
});
