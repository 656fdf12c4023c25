import fc from 'fast-check';
import { ClientFrame, limits } from '@parley/protocol';
import type { Cast } from './cast.ts';
import { idLike, longText, oddNumber, oddValue, troubleText } from './values.ts';

/** One fuzz case for the gateway: what is sent, and whether on a socket that has not said hello. */
export interface WsCase {
  preHello: boolean;
  payload: { kind: 'text'; text: string } | { kind: 'binary'; bytes: Uint8Array };
}

/** The request types the protocol knows, read from the schema so a new frame type is fuzzed too. */
export const frameTypes: string[] = ClientFrame.options.map((o) => o.shape.type.value);

const requestId = fc.oneof(
  { arbitrary: fc.string({ minLength: 1, maxLength: limits.frameIdMax }), weight: 6 },
  { arbitrary: fc.constantFrom('', 'x'.repeat(limits.frameIdMax + 1)), weight: 1 },
  { arbitrary: oddValue, weight: 2 },
);

/** A value that passes the `Id` schema: real, or well-formed but nobody's. */
function validId(cast: Cast): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...cast.ids), weight: 4 },
    { arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), weight: 1 },
  );
}

/**
 * Frames the schema accepts, aimed at real rows, with values only the actions can refuse:
 * someone else's id, a text too long or blank, a seq far ahead, a reply to a stranger's message.
 */
function wellFormed(cast: Cast): fc.Arbitrary<Record<string, unknown>> {
  const conversationId = fc.oneof(
    { arbitrary: fc.constantFrom(cast.directId, cast.groupId, 'lobby'), weight: 4 },
    { arbitrary: validId(cast), weight: 1 },
  );
  const id = fc.string({ minLength: 1, maxLength: limits.frameIdMax });
  const text = fc.oneof(
    fc.constant('hi'),
    troubleText,
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    longText,
  );
  const send = fc.record(
    {
      id,
      type: fc.constant('message.send'),
      conversationId,
      clientMsgId: fc.uuid(),
      text,
      replyToId: validId(cast),
      attachmentId: validId(cast),
      stickerId: validId(cast),
    },
    { requiredKeys: ['id', 'type', 'conversationId', 'clientMsgId'] },
  );
  return fc.oneof(
    fc.record({ id, type: fc.constant('ping') }),
    fc.record({ id, type: fc.constant('typing'), conversationId }),
    fc.record({
      id,
      type: fc.constant('read'),
      conversationId,
      seq: fc.oneof(fc.nat(), fc.constant(2 ** 53 - 1)),
    }),
    fc.record({
      id,
      type: fc.constant('sync'),
      cursors: fc.dictionary(validId(cast), fc.oneof(fc.nat(), fc.record({ seq: fc.nat(), rev: fc.nat() }))),
    }),
    fc.record({ id, type: fc.constant('message.send'), conversationId, clientMsgId: fc.uuid(), text }),
    send,
    fc.record({
      id,
      type: fc.constant('hello'),
      token: fc.oneof(fc.constant(cast.alice.token), fc.base64String({ minLength: 43, maxLength: 44 })),
    }),
  );
}

/** Objects shaped like client frames, every field possibly wrong, huge, odd or missing. */
function shaped(cast: Cast): fc.Arbitrary<Record<string, unknown>> {
  const id = idLike(cast.ids);
  return fc.record(
    {
      id: requestId,
      type: fc.oneof(
        { arbitrary: fc.constantFrom(...frameTypes), weight: 6 },
        {
          arbitrary: fc.constantFrom('HELLO', 'message.send ', 'message', 'typing\u0000', '__proto__'),
          weight: 1,
        },
        { arbitrary: oddValue, weight: 1 },
      ),
      token: fc.oneof(fc.constant(cast.alice.token), oddValue, longText),
      conversationId: id,
      clientMsgId: fc.oneof(fc.uuid(), oddValue),
      text: fc.oneof(troubleText, longText, oddValue),
      attachmentId: id,
      stickerId: id,
      replyToId: id,
      seq: fc.oneof(oddNumber, oddValue),
      cursors: fc.oneof(
        fc.dictionary(fc.oneof(fc.constantFrom(...cast.ids), troubleText), oddValue),
        oddValue,
      ),
      extra: oddValue,
    },
    { requiredKeys: ['type'] },
  );
}

/** Text that is not JSON, or JSON cut short. */
const notJson = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.constantFrom('', '{', '{"id":"a","type":"ping"', '[', 'nul', '{"id":"a",}', "{'id':'a'}", '\u0000'),
);

/** Text frames past the size the server reads (limits.wsFrameMaxBytes). */
const oversized = fc
  .integer({ min: limits.wsFrameMaxBytes + 1, max: limits.wsFrameMaxBytes + 4096 })
  .map((n) => JSON.stringify({ id: 'big', type: 'message.send', text: 'x'.repeat(n) }));

export function wsCases(cast: Cast): fc.Arbitrary<WsCase> {
  const json = (a: fc.Arbitrary<unknown>) => a.map((v) => JSON.stringify(v) ?? 'null');
  const text = fc.oneof(
    { arbitrary: json(wellFormed(cast)), weight: 30 },
    { arbitrary: json(shaped(cast)), weight: 40 },
    { arbitrary: json(fc.jsonValue({ maxDepth: 4 })), weight: 12 },
    { arbitrary: notJson, weight: 15 },
    { arbitrary: oversized, weight: 1 },
  );
  const payload = fc.oneof(
    { arbitrary: text.map((t) => ({ kind: 'text' as const, text: t })), weight: 98 },
    {
      arbitrary: fc.uint8Array({ maxLength: 64 }).map((b) => ({ kind: 'binary' as const, bytes: b })),
      weight: 2,
    },
  );
  return fc.record({
    preHello: fc.oneof(
      { arbitrary: fc.constant(false), weight: 9 },
      { arbitrary: fc.constant(true), weight: 1 },
    ),
    payload,
  });
}
