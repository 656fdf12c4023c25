import { useCallback, useState } from 'react';
import type { Me } from '@parley/protocol';
import { ParleyClient } from '@parley/sdk';
import { WebSocket } from 'ws';
import { useTerminalSize } from './hooks/useTerminalSize.ts';
import { ChatScreen } from './screens/ChatScreen.tsx';
import { SignInScreen } from './screens/SignInScreen.tsx';
import { type SavedLogin, forgetLogin, saveLogin } from './storage/saved-login.ts';

interface SignedIn {
  client: ParleyClient;
  me: Me;
}

/**
 * Signed out: the sign-in screen. Signed in: the chat screen. A saved token skips the first
 * (the chat screen starts at once, offline too, and the server's hello checks the token); a
 * session the server ended brings it back with the reason.
 */
export function App({ server, saved }: { server: string; saved: SavedLogin | null }) {
  const size = useTerminalSize();
  const [signedIn, setSignedIn] = useState<SignedIn | null>(() =>
    saved
      ? { client: new ParleyClient({ baseUrl: server, token: saved.token, WebSocket }), me: saved.user }
      : null,
  );
  const [notice, setNotice] = useState<string | undefined>();

  const onSignedIn = useCallback(
    (client: ParleyClient, me: Me) => {
      saveLogin(server, { token: client.token!, user: me });
      setNotice(undefined);
      setSignedIn({ client, me });
    },
    [server],
  );
  const onSignedOut = useCallback(
    (reason?: string) => {
      forgetLogin(server);
      setNotice(reason);
      setSignedIn(null);
    },
    [server],
  );

  if (!signedIn)
    return (
      <SignInScreen
        server={server}
        width={size.columns}
        onSignedIn={onSignedIn}
        {...(notice && { notice })}
      />
    );
  return (
    <ChatScreen
      key={signedIn.me.id}
      server={server}
      client={signedIn.client}
      me={signedIn.me}
      size={size}
      onSignedOut={onSignedOut}
    />
  );
}
