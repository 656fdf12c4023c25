import { Text } from 'ink';
import { fit } from '../text/width.ts';

/** What Ctrl+E offers, by number key. Each is two cells wide in every terminal (no variation selector). */
export const reactions = ['👍', '😂', '🎉', '😮', '😢', '🙏'] as const;

/** In place of the composer while a reaction is being chosen. */
export function ReactionPicker({ width }: { width: number }) {
  const choices = reactions.map((emoji, i) => `${i + 1} ${emoji}`).join('  ');
  return <Text color="cyan">{fit(`React with: ${choices}  (Esc cancels)`, width)}</Text>;
}
