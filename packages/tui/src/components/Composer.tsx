import { Box, Text } from 'ink';
import type { LineState } from '../text/line-edit.ts';
import { fit } from '../text/width.ts';
import { LineInput } from './LineInput.tsx';

interface Props {
  state: LineState;
  onChange(next: LineState): void;
  onSubmit(text: string): void;
  /** False while no conversation is open. */
  enabled: boolean;
  focused: boolean;
  width: number;
}

/** The line where a message is written; Enter sends it. */
export function Composer({ state, onChange, onSubmit, enabled, focused, width }: Props) {
  if (!enabled) return <Text dimColor>{fit('  Open a chat (↑↓ and Enter) to write', width)}</Text>;
  return (
    <Box width={width}>
      <Text color={focused ? 'cyan' : 'gray'}>{'> '}</Text>
      <LineInput
        state={state}
        onChange={onChange}
        onSubmit={onSubmit}
        width={width - 3}
        focus={focused}
        placeholder={focused ? 'Write a message; Enter sends' : 'Tab to write'}
      />
    </Box>
  );
}
