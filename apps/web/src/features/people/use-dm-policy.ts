import type { ServerInfo } from '@parley/protocol';
import { useEffect, useState } from 'react';
import { useSession } from '../../model/app-context.ts';

/**
 * Whether this server lets me open a direct chat with someone who is not my friend
 * (`dmPolicy: anyone`); asked only when `needed`, and false until the server has answered.
 */
export function useAnyoneMayMessage(needed: boolean): boolean {
  const { client } = useSession();
  const [policy, setPolicy] = useState<ServerInfo['dmPolicy'] | null>(null);
  useEffect(() => {
    if (!needed || policy) return;
    let live = true;
    client.http.serverInfo().then(
      (info) => live && setPolicy(info.dmPolicy),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [client, needed, policy]);
  return policy === 'anyone';
}
