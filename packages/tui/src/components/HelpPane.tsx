import { Box, Text } from 'ink';
import { fit, wrap } from '../text/width.ts';
import { allKeys } from './KeyHelp.tsx';

const keyColumn = 14;

/** All the keys, in place of the chat pane; descriptions wrap under their own column. */
export function HelpPane({ width, height }: { width: number; height: number }) {
  const inner = width - 2;
  const rows = allKeys.flatMap(([key, what]) =>
    wrap(what, Math.max(10, inner - keyColumn - 1)).map(
      (line, i) => `${(i === 0 ? key : '').padEnd(keyColumn)} ${line}`,
    ),
  );
  const room = height - 3; // the borders and the title
  const shown =
    rows.length > room ? [...rows.slice(0, room - 1), '… (a taller window shows the rest)'] : rows;
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="single" borderColor="cyan">
      <Text bold>{fit('Keys (any key closes this)', inner)}</Text>
      {shown.map((row, i) => (
        <Text key={i}>{fit(row, inner)}</Text>
      ))}
    </Box>
  );
}
