import { Text } from 'ink';
import { fit } from '../text/width.ts';

/** The bottom row: the keys that do something here and now. */
export function KeyHelp({ keys, width }: { keys: readonly string[]; width: number }) {
  return <Text dimColor>{fit(` ${keys.join(' · ')}`, width)}</Text>;
}

/** The keys for the bottom row: what does something with this focus and selection. */
export function keysFor(focus: 'list' | 'chat', rowKind: string | undefined, picking: boolean): string[] {
  if (picking) return ['1–6 react', 'Esc cancel'];
  if (focus === 'chat')
    return [
      'Enter send',
      '↑↓ pick message',
      'Ctrl+R reply',
      'Ctrl+E react',
      'PgUp/Dn scroll',
      'Esc back',
      '/help',
    ];
  if (rowKind === 'friend-request' || rowKind === 'invitation')
    return ['Enter accept', 'x decline', '↑↓ select', 'Tab chat', '? help', 'Ctrl+C quit'];
  return ['↑↓ select', 'Enter open', 'Tab chat', 'Ctrl+N open notice', '? help', 'Ctrl+C quit'];
}

/** Everything the client answers to, for the help pane (`?` or /help). */
export const allKeys: readonly [string, string][] = [
  ['Tab', 'switch between the chat list and the open chat'],
  ['↑ ↓', 'list: choose a row · chat: choose a message'],
  ['Enter', 'list: open the chat, or accept a request · chat: send'],
  ['x', 'list: decline the chosen request or invitation'],
  ['PgUp PgDn', 'scroll the chat (older messages load at the top)'],
  ['Ctrl+R', 'reply to the chosen message (or the newest)'],
  ['Ctrl+E', 'react to the chosen message; then 1–6 picks, again takes it back'],
  ['Ctrl+N', 'open the chat of the latest new-message notice'],
  ['Esc', 'cancel the reply or reaction; back to the list'],
  ['?', 'this help (from the list); any key closes it'],
  ['/retry', 'typed as a message: send the failed messages of this chat again'],
  ['/discard', 'typed as a message: drop the failed messages of this chat'],
  ['/signout', 'typed as a message: sign out and forget the saved session'],
  ['/quit, Ctrl+C', 'quit (unsent messages are kept and sent on the next start)'],
];
