import type { Kysely } from 'kysely';
import { hashToken, mediaTokenOf, newToken } from '../../auth/tokens.ts';
import { newId, now } from '../../ids.ts';
import { insertSession } from '../../store/sessions.ts';
import type { Database, SessionRow } from '../../store/tables.ts';

/** Where a request came from, recorded on the session so the user can recognise their devices. */
export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

/** Starts a device session inside the caller's transaction; the token is returned once, never stored. */
export async function openSession(
  tx: Kysely<Database>,
  userId: string,
  deviceName: string | undefined,
  client: ClientInfo,
): Promise<{ token: string; session: SessionRow }> {
  const token = newToken();
  const at = now();
  const session: SessionRow = {
    id: newId(),
    user_id: userId,
    token_hash: hashToken(token),
    media_token_hash: hashToken(mediaTokenOf(token)),
    device_name: deviceName?.trim() || guessDevice(client.userAgent),
    ip: client.ip,
    user_agent: client.userAgent?.slice(0, 256) ?? null,
    created_at: at,
    last_seen_at: at,
  };
  await insertSession(tx, session);
  return { token, session };
}

/** A readable default device name from a User-Agent ("Chrome on Android"). */
function guessDevice(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  if (/^(curl|wget|python|node|undici|go-http)/i.test(userAgent)) return 'Script';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrome\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : 'Browser';
  const os = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : '';
  return os ? `${browser} on ${os}` : browser;
}
