import { Box, Text } from 'ink';
import type { ListRow } from '../format/list-rows.ts';
import { fit, wrap } from '../text/width.ts';

type RequestRow = Extract<ListRow, { kind: 'friend-request' | 'invitation' }>;

/** In place of the chat pane while a request is chosen in the list: who asks what, and the keys to answer. */
export function RequestPane({ row, width, height }: { row: RequestRow; width: number; height: number }) {
  const inner = width - 2;
  const [title, body, note] =
    row.kind === 'friend-request'
      ? [
          'Friend request',
          `${row.request.from.displayName} (@${row.request.from.username}) wants to be your friend.`,
          row.request.note,
        ]
      : [
          'Group invitation',
          `${row.invitation.inviter.displayName} invited you to join ${row.invitation.group.name} ` +
            `(${row.invitation.group.memberCount} ${row.invitation.group.memberCount === 1 ? 'member' : 'members'}).`,
          row.invitation.group.description,
        ];
  const lines = [...wrap(body, inner), ...(note ? ['', ...wrap(`“${note}”`, inner)] : [])];
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="single" borderColor="yellow">
      <Text bold>{fit(title, inner)}</Text>
      <Text> </Text>
      {lines.map((line, i) => (
        <Text key={i}>{fit(line, inner)}</Text>
      ))}
      <Text> </Text>
      <Text color="yellow">{fit('Enter accepts · x declines', inner)}</Text>
    </Box>
  );
}
