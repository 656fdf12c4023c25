import { type ReplyError, type ServerEvent, serverEventNames } from '@parley/protocol';

/** A gateway frame this SDK can use: a reply to one of its requests, or a server push. */
export type IncomingFrame =
  | { kind: 'ok'; re: string; result: unknown }
  | { kind: 'refusal'; re: string; error: ReplyError['error'] }
  | { kind: 'event'; event: ServerEvent };

/**
 * Sorts a received WebSocket message, or answers null for what the SDK ignores rather than
 * failing over: binary or non-JSON data (not part of the protocol), `re: null` refusals
 * (answers to frames the server could not read; the SDK sends none) and events that a newer
 * server has and this SDK does not know. Payloads are trusted, as in http.ts.
 */
export function readFrame(data: unknown): IncomingFrame | null {
  if (typeof data !== 'string') return null;
  let frame: Record<string, unknown> | null;
  try {
    frame = JSON.parse(data) as Record<string, unknown> | null;
  } catch {
    return null;
  }
  if (typeof frame !== 'object' || frame === null) return null;
  if (typeof frame.re === 'string') {
    return frame.error !== undefined
      ? { kind: 'refusal', re: frame.re, error: frame.error as ReplyError['error'] }
      : { kind: 'ok', re: frame.re, result: frame.ok };
  }
  if (typeof frame.event === 'string' && serverEventNames.has(frame.event)) {
    return { kind: 'event', event: frame as unknown as ServerEvent };
  }
  return null;
}
