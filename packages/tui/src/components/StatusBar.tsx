import { Text } from 'ink';
import type { ConnectionState } from '@parley/sdk';
import { fit } from '../text/width.ts';

interface Props {
  connection: ConnectionState;
  username: string;
  /** Messages written but not acknowledged, in every conversation. */
  unsent: number;
  /** Requests and invitations waiting for an answer. */
  waiting: number;
  width: number;
}

const connectionText: Record<ConnectionState, string> = {
  connecting: 'connecting…',
  open: 'connected',
  reconnecting: 'offline, reconnecting…',
  closed: 'disconnected',
};

/** Who I am, whether the server is reachable, and what waits to be sent or answered. */
export function StatusBar({ connection, username, unsent, waiting, width }: Props) {
  const parts = [
    `${connection === 'open' ? '●' : '○'} ${connectionText[connection]}`,
    `signed in as ${username}`,
    unsent > 0 && `${unsent} unsent (sent when back online)`,
    waiting > 0 && `${waiting} waiting for your answer`,
  ].filter(Boolean);
  return (
    <Text inverse color={connection === 'open' ? undefined : 'yellow'}>
      {fit(` ${parts.join(' · ')}`, width)}
    </Text>
  );
}
