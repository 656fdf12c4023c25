import { Box, Text } from 'ink';
import type { ListRow } from '../format/list-rows.ts';
import { fit, widthOf } from '../text/width.ts';

interface Props {
  rows: readonly ListRow[];
  selected: number;
  openId: string | null;
  focused: boolean;
  /** Outer size, border included. */
  width: number;
  height: number;
}

/**
 * The left pane: requests waiting for an answer, then conversations with their unread count
 * ("(3)", "@" when I am mentioned) and a dot for a friend who is online. Scrolls to keep the
 * selected row in view.
 */
export function ChatList({ rows, selected, openId, focused, width, height }: Props) {
  const inner = width - 2;
  const visible = height - 3; // the borders and the title row
  const first = Math.max(0, Math.min(selected - visible + 1, rows.length - visible));
  const shown = rows.slice(Math.max(0, first), Math.max(0, first) + visible);
  return (
    <Box
      flexDirection="column"
      width={width}
      height={height}
      borderStyle="single"
      borderColor={focused ? 'cyan' : 'gray'}
    >
      <Text bold>{fit(`Chats${rows.length === 0 ? '' : ` (${rows.length})`}`, inner)}</Text>
      {rows.length === 0 ? <Text dimColor>{fit('Nothing here yet', inner)}</Text> : null}
      {shown.map((row, i) => {
        const index = first + i;
        const isSelected = index === selected;
        return (
          <Text
            key={row.kind + row.id}
            inverse={isSelected && focused}
            bold={row.id === openId || (row.kind === 'conversation' && row.conversation.unreadCount > 0)}
            color={row.kind === 'conversation' ? undefined : 'yellow'}
          >
            {rowText(row, inner, isSelected)}
          </Text>
        );
      })}
    </Box>
  );
}

function rowText(row: ListRow, width: number, selected: boolean): string {
  const marker = selected ? '>' : ' ';
  if (row.kind !== 'conversation') return marker + fit(`+ ${row.label}`, width - 1);
  const c = row.conversation;
  const count = c.unreadCount > 99 ? '99+' : String(c.unreadCount);
  const badge =
    c.unreadCount > 0 ? ` ${c.mentionCount > 0 ? '@' : ''}(${count})` : c.mentionCount > 0 ? ' @' : '';
  const dot = row.online === true ? '●' : ' ';
  return `${marker}${dot}${fit(row.label, width - 2 - widthOf(badge))}${badge}`;
}
