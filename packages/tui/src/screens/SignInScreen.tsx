import { hostname } from 'node:os';
import { Box, Text } from 'ink';
import { useEffect, useReducer, useRef, useState } from 'react';
import type { Me } from '@parley/protocol';
import { ParleyClient, isParleyError } from '@parley/sdk';
import { WebSocket } from 'ws';
import { LineView } from '../components/LineView.tsx';
import { useKeys } from '../hooks/useKeys.ts';
import type { EditKey } from '../text/line-edit.ts';
import {
  type Field,
  type FormState,
  askNewPassword,
  fieldsOf,
  formKey,
  initialForm,
} from './sign-in-form.ts';
import { keepKnownDevice, knownDeviceFor } from '../storage/known-devices.ts';

interface Props {
  server: string;
  /** Why the user is asked again (their saved session ended), if so. */
  notice?: string;
  width: number;
  onSignedIn(client: ParleyClient, me: Me): void;
}

const labels: Record<Field, string> = {
  username: 'Username',
  password: 'Password',
  displayName: 'Display name',
  inviteCode: 'Invite code',
  newPassword: 'New password',
  repeat: 'Repeat it',
};

/** Shown in the user's list of devices, so they can tell this session apart and end it. */
const deviceName = `parley-tui on ${hostname()}`.slice(0, 64);

type Action =
  | { kind: 'key'; input: string; key: EditKey & { shift: boolean } }
  | { kind: 'failed' }
  | { kind: 'new-password' };

function reduce(form: FormState, action: Action): FormState {
  if (action.kind === 'failed') return { ...form, submitting: false };
  if (action.kind === 'new-password') return askNewPassword(form);
  return formKey(form, action.input, action.key);
}

/** Signed in with a password an admin reset: the session, and that password for POST /me/password. */
interface Pending {
  client: ParleyClient;
  temporaryPassword: string;
}

/**
 * Sign in, or register (Ctrl+N switches). Enter moves to the next field and sends the form
 * on the last; ↑/↓ and Tab move between fields. Talks to the server through ParleyClient.
 * A sign-in with a password an admin reset (`mustChangePassword`) asks for a new one first:
 * until then the server takes no other request and refuses the socket (PROTOCOL.md, "After a
 * reset"), so the session is not handed on before it is set.
 */
export function SignInScreen({ server, notice, width, onSignedIn }: Props) {
  const [form, dispatch] = useReducer(reduce, initialForm);
  const [error, setError] = useState<string | null>(null);
  const pending = useRef<Pending | null>(null);
  const fields = fieldsOf[form.mode];

  useKeys((input, key) => {
    setError(null);
    dispatch({ kind: 'key', input, key });
  });

  useEffect(() => {
    if (!form.submitting) return;
    if (form.mode === 'new-password') {
      choosePassword(pending.current!, form).then(
        (me) => onSignedIn(pending.current!.client, me),
        (err: unknown) => {
          setError(describe(err));
          dispatch({ kind: 'failed' });
        },
      );
      return;
    }
    const text = (field: Field) => form.values[field].text.trim();
    const options = { baseUrl: server, WebSocket };
    const knownDevice = knownDeviceFor(server, text('username'));
    const signingIn =
      form.mode === 'sign-in'
        ? ParleyClient.login(options, {
            username: text('username'),
            password: form.values.password.text,
            deviceName,
            ...(knownDevice && { knownDevice }),
          })
        : ParleyClient.register(options, {
            username: text('username'),
            displayName: text('displayName') || text('username'),
            password: form.values.password.text,
            deviceName,
            ...(text('inviteCode') && { inviteCode: text('inviteCode') }),
          });
    signingIn.then(
      (client) => {
        keepKnownDevice(server, client.auth!.user.username, client.auth!.knownDevice);
        if (client.auth!.user.mustChangePassword) {
          pending.current = { client, temporaryPassword: form.values.password.text };
          dispatch({ kind: 'new-password' });
          return;
        }
        onSignedIn(client, client.auth!.user);
      },
      (err: unknown) => {
        setError(describe(err));
        dispatch({ kind: 'failed' });
      },
    );
    // Sent once per submit; the values are read as they were at Enter.
  }, [form.submitting]);

  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold>Parley · {server}</Text>
      <Text> </Text>
      <Text>
        <Text inverse={form.mode === 'sign-in'}> Sign in </Text>{' '}
        <Text inverse={form.mode === 'register'}> Register </Text>
      </Text>
      {form.mode === 'new-password' ? (
        <Text color="yellow">An admin reset your password. Choose a new one to continue.</Text>
      ) : notice ? (
        <Text color="yellow">{notice}</Text>
      ) : (
        <Text> </Text>
      )}
      {fields.map((field, i) => (
        <Box key={field}>
          <Box width={16}>
            <Text bold={i === form.focus}>{labels[field]}:</Text>
          </Box>
          <LineView
            state={form.values[field]}
            width={Math.max(10, width - 20)}
            focus={!form.submitting && i === form.focus}
            mask={field === 'password' || field === 'newPassword' || field === 'repeat'}
            {...(field === 'inviteCode' && { placeholder: '(if the server asks for one)' })}
          />
        </Box>
      ))}
      <Text> </Text>
      {form.submitting ? (
        <Text color="cyan">{submittingText[form.mode]}</Text>
      ) : error ? (
        <Text color="red">{error}</Text>
      ) : (
        <Text> </Text>
      )}
      <Text dimColor>
        Enter next/submit · ↑↓ fields ·{' '}
        {form.mode === 'new-password'
          ? ''
          : `Ctrl+N ${form.mode === 'sign-in' ? 'register instead' : 'sign in instead'} · `}
        Ctrl+C quit
      </Text>
    </Box>
  );
}

const submittingText: Record<FormState['mode'], string> = {
  'sign-in': 'Signing in…',
  register: 'Registering…',
  'new-password': 'Saving your new password…',
};

/** POST /me/password with the reset password as the current one; then my profile, gate lifted. */
async function choosePassword({ client, temporaryPassword }: Pending, form: FormState): Promise<Me> {
  const newPassword = form.values.newPassword.text;
  if (newPassword !== form.values.repeat.text)
    throw new Error('The two new passwords differ. Type them again.');
  await client.http.changePassword({ currentPassword: temporaryPassword, newPassword });
  return client.http.me();
}

function describe(err: unknown): string {
  if (!isParleyError(err)) return err instanceof Error ? err.message : String(err);
  if (err.code === 'network') return 'Cannot reach the server. Is the address right, and is it running?';
  return err.field ? `${err.message} (${err.field})` : err.message;
}
