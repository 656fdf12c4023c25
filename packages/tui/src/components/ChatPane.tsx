import { Box, Text } from 'ink';
import type { PaneLine, Tone } from '../format/message-lines.ts';
import { fit } from '../text/width.ts';

interface Props {
  title: string;
  /** Next to the title: "online", "3 members". */
  subtitle: string;
  lines: readonly PaneLine[];
  /** Rows scrolled up from the newest. */
  scroll: number;
  selectedId: string | null;
  /** The last inner row: who is typing, or what a reply answers. */
  footer: string;
  focused: boolean;
  width: number;
  height: number;
}

const colors: Partial<Record<Tone, string>> = { pending: 'yellow', failed: 'red', mention: 'magenta' };

/** The open conversation: a header, the window of rows `scroll` rows up from the newest, and a footer row. */
export function ChatPane(props: Props) {
  const { title, subtitle, lines, scroll, selectedId, footer, focused, width, height } = props;
  const inner = width - 2;
  const rows = messageRows(height);
  const end = lines.length - scroll;
  const start = Math.max(0, end - rows);
  const shown = lines.slice(start, end);
  const padding = rows - shown.length;
  return (
    <Box
      flexDirection="column"
      width={width}
      height={height}
      borderStyle="single"
      borderColor={focused ? 'cyan' : 'gray'}
    >
      <Text bold>{fit(title, inner)}</Text>
      <Text dimColor>{fit(subtitle, inner)}</Text>
      {Array.from({ length: Math.max(0, padding) }, (_, i) => (
        <Text key={`pad${i}`}>{' '.repeat(inner)}</Text>
      ))}
      {shown.map((line) => (
        <Text
          key={line.key}
          inverse={line.messageId !== undefined && line.messageId === selectedId}
          dimColor={line.tone === 'dim'}
          color={colors[line.tone]}
        >
          {line.text}
        </Text>
      ))}
      <Text color="cyan">{fit(footer, inner)}</Text>
    </Box>
  );
}

/** Rows for messages in a pane of `height`: less the borders, the two header rows and the footer. */
export function messageRows(height: number): number {
  return Math.max(1, height - 5);
}
