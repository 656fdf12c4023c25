import { hostname } from 'node:os';
import { Box, Text } from 'ink';
import { useEffect, useReducer, useState } from 'react';
import type { Me } from '@parley/protocol';
import { ParleyClient, isParleyError } from '@parley/sdk';
import { WebSocket } from 'ws';
import { LineView } from '../components/LineView.tsx';
import { useKeys } from '../hooks/useKeys.ts';
import type { EditKey } from '../text/line-edit.ts';
import { type Field, type FormState, fieldsOf, formKey, initialForm } from './sign-in-form.ts';
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
};

/** Shown in the user's list of devices, so they can tell this session apart and end it. */
const deviceName = `parley-tui on ${hostname()}`.slice(0, 64);

type Action = { kind: 'key'; input: string; key: EditKey & { shift: boolean } } | { kind: 'failed' };

function reduce(form: FormState, action: Action): FormState {
  return action.kind === 'failed' ? { ...form, submitting: false } : formKey(form, action.input, action.key);
}

/**
 * Sign in, or register (Ctrl+N switches). Enter moves to the next field and sends the form
 * on the last; ↑/↓ and Tab move between fields. Talks to the server through ParleyClient.
 */
export function SignInScreen({ server, notice, width, onSignedIn }: Props) {
  const [form, dispatch] = useReducer(reduce, initialForm);
  const [error, setError] = useState<string | null>(null);
  const fields = fieldsOf[form.mode];

  useKeys((input, key) => {
    setError(null);
    dispatch({ kind: 'key', input, key });
  });

  useEffect(() => {
    if (!form.submitting) return;
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
      {notice ? <Text color="yellow">{notice}</Text> : <Text> </Text>}
      {fields.map((field, i) => (
        <Box key={field}>
          <Box width={16}>
            <Text bold={i === form.focus}>{labels[field]}:</Text>
          </Box>
          <LineView
            state={form.values[field]}
            width={Math.max(10, width - 20)}
            focus={!form.submitting && i === form.focus}
            mask={field === 'password'}
            {...(field === 'inviteCode' && { placeholder: '(if the server asks for one)' })}
          />
        </Box>
      ))}
      <Text> </Text>
      {form.submitting ? (
        <Text color="cyan">{form.mode === 'sign-in' ? 'Signing in…' : 'Registering…'}</Text>
      ) : error ? (
        <Text color="red">{error}</Text>
      ) : (
        <Text> </Text>
      )}
      <Text dimColor>
        Enter next/submit · ↑↓ fields · Ctrl+N{' '}
        {form.mode === 'sign-in' ? 'register instead' : 'sign in instead'} · Ctrl+C quit
      </Text>
    </Box>
  );
}

function describe(err: unknown): string {
  if (!isParleyError(err)) return String(err);
  if (err.code === 'network') return 'Cannot reach the server. Is the address right, and is it running?';
  return err.field ? `${err.message} (${err.field})` : err.message;
}
