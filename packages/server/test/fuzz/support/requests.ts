import fc from 'fast-check';
import type { Cast } from './cast.ts';
import { idLike, longText, numberish, oddValue, troubleText } from './values.ts';

/** One generated HTTP request, as sent. */
export interface RestCase {
  method: string;
  /** The path as it goes on the wire, query string included. */
  path: string;
  auth: 'alice' | 'none' | 'bogus';
  contentType: string | null;
  body: string | null;
  /** tus headers, so the upload routes get past "Tus-Resumable Required". */
  headers: Record<string, string>;
}

/**
 * The routes fuzzed: every route the node registered (Parley.routes, the list the OpenAPI test
 * checks too), so a new route is fuzzed from the day it is added, with `{name}` for a path
 * parameter. Left out: POST /auth/logout, which would end alice's session for the rest of the
 * run (test/api/accounts.test.ts covers it); the WebSocket upgrade (test/fuzz/ws-frames.test.ts);
 * the operator's /metrics; the API docs and the web client's pages, which are not ours to parse.
 */
export function fuzzedRoutes(registered: readonly { method: string; url: string }[]): [string, string][] {
  const ours = /^\/(api\/v1|media|avatars|stickers|emoji)(\/|$)/;
  const seen = new Set<string>();
  const routes: [string, string][] = [];
  for (const { method, url } of registered) {
    if (!ours.test(url) || method === 'OPTIONS' || url === '/api/v1/auth/logout') continue;
    const template = url.replace(/:(\w+)/g, '{$1}').replace(/\*$/, '{rest}');
    const key = `${method} ${template}`;
    if (seen.has(key)) continue;
    seen.add(key);
    routes.push([method, template]);
  }
  return routes;
}

/** Field names the API's bodies use: a body made of them is shaped like a real one. */
const bodyFields = [
  'username',
  'password',
  'displayName',
  'bio',
  'deviceName',
  'inviteCode',
  'knownDevice',
  'userId',
  'userIds',
  'memberIds',
  'note',
  'name',
  'description',
  'joinPolicy',
  'inviteMode',
  'showPresence',
  'text',
  'clientMsgId',
  'replyToId',
  'attachmentId',
  'stickerId',
  'remark',
  'mutedUntil',
  'currentPassword',
  'newPassword',
  'dmPolicy',
  'conversationIds',
  'messageIds',
  'emoji',
  'shortcode',
  'expiresInHours',
  'endpoint',
  'keys',
  'packId',
  'announcement',
  'seq',
  'role',
  'readReceipts',
  'pushPreview',
  'notificationsMuted',
  'uploadId',
  'title',
  'reason',
  'action',
  'registration',
  'lobby',
  'maxGroupSize',
  'imageMaxMb',
  'voiceMaxMb',
  'fileMaxMb',
  'uploadQuotaMb',
  '__proto__',
];

const queryNames = [
  'q',
  'limit',
  'cursor',
  'before',
  'after',
  'since',
  'rev',
  'conversationId',
  'username',
  'name',
  'around',
  'kind',
  'download',
  'token',
  'filter',
  'status',
  'action',
  'x',
];

function plausible(cast: Cast): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(...cast.ids),
    fc.constant([cast.bob.user.id]),
    fc.uuid(),
    fc.constantFrom(
      'hello',
      'Fuzzy',
      'open',
      'approval',
      'friends',
      'everyone',
      '2999-01-01T00:00:00Z',
      '👍',
      'spam',
      'remove',
      'dismiss',
      'admin',
      'member',
      'invite',
    ),
    fc.boolean(),
    fc.nat(),
  );
}

/**
 * A path parameter as it goes on the wire: percent-encoded (a lone surrogate, which no URL can
 * carry, as U+FFFD), raw with stray `%`, or very long.
 */
function pathParam(cast: Cast): fc.Arbitrary<string> {
  const value = fc.oneof(
    idLike(cast.ids),
    fc.constantFrom('👍', ':smile:', '1', '-1', '99999999999999999999'),
  );
  return fc.oneof(
    { arbitrary: value.map((v) => encodeURIComponent(String(v).replace(/\p{Cs}/gu, '\uFFFD'))), weight: 6 },
    {
      arbitrary: fc.constantFrom('%', '%ZZ', '%00', '%2F', '%2e%2e', '%C0%AF', '%FF', '%E4%BD', '..', '.'),
      weight: 2,
    },
    { arbitrary: fc.constantFrom(300, 2000, 8000).map((n) => 'a'.repeat(n)), weight: 1 },
  );
}

function queryString(cast: Cast): fc.Arbitrary<string> {
  const value = fc.oneof(
    troubleText,
    numberish,
    longText,
    plausible(cast).map(String),
    oddValue.map((v) => JSON.stringify(v) ?? ''),
  );
  const pairs = fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...queryNames), troubleText), value), { maxLength: 4 })
    .map((list) => new URLSearchParams(list).toString());
  return fc.oneof(
    { arbitrary: fc.constant(''), weight: 3 },
    { arbitrary: pairs.map((q) => (q ? `?${q}` : '')), weight: 5 },
    {
      arbitrary: fc.constantFrom(
        '?',
        '?&&',
        '?q',
        '?q=%',
        '?limit=1&limit=2',
        '?q[x]=1',
        '?%ZZ=1',
        '?cursor=%00',
      ),
      weight: 2,
    },
  );
}

function body(cast: Cast): fc.Arbitrary<{ contentType: string | null; body: string | null }> {
  const fieldValue = fc.oneof(plausible(cast), oddValue, longText);
  const shaped = fc.dictionary(fc.constantFrom(...bodyFields), fieldValue, { maxKeys: 5 });
  const json = fc.oneof(
    { arbitrary: shaped, weight: 6 },
    { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
    { arbitrary: fc.array(shaped, { maxLength: 2 }), weight: 1 },
  );
  return fc.oneof(
    { arbitrary: fc.constant({ contentType: null, body: null }), weight: 2 },
    {
      arbitrary: json.map((v) => ({ contentType: 'application/json', body: JSON.stringify(v) ?? 'null' })),
      weight: 10,
    },
    {
      arbitrary: fc.record({
        contentType: fc.constantFrom(
          'application/json',
          'application/json; charset=latin1',
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/offset+octet-stream',
          'image/png',
          '',
        ),
        body: fc.oneof(
          fc.string({ unit: 'binary', maxLength: 60 }),
          fc.constantFrom('', '{', '{"a":', 'null', '[]', 'a=b&c'),
        ),
      }),
      weight: 3,
    },
  );
}

const tusValue = fc.constantFrom(
  '0',
  '1',
  '-1',
  'abc',
  '99999999999999999999',
  '1e3',
  '',
  'kind aW1hZ2U=,filename YS5wbmc=',
  'filename !!!',
);
const tusHeaders = fc.oneof(
  { arbitrary: fc.constant({}), weight: 3 },
  {
    arbitrary: fc.record(
      {
        'tus-resumable': fc.constantFrom('1.0.0', '0.2'),
        'upload-length': tusValue,
        'upload-offset': tusValue,
        'upload-metadata': tusValue,
      },
      { requiredKeys: ['tus-resumable'] },
    ),
    weight: 1,
  },
);

export function restCases(cast: Cast, routes: [string, string][]): fc.Arbitrary<RestCase> {
  return fc
    .record({
      route: fc.constantFrom(...routes),
      params: fc.array(pathParam(cast), { minLength: 2, maxLength: 2 }),
      query: queryString(cast),
      auth: fc.oneof(
        { arbitrary: fc.constant('alice' as const), weight: 8 },
        { arbitrary: fc.constantFrom('none' as const, 'bogus' as const), weight: 2 },
      ),
      body: body(cast),
      headers: tusHeaders,
    })
    .map(({ route: [method, template], params, query, auth, body: b, headers }) => {
      let n = 0;
      const path = template.replace(/\{[a-z]+\}/gi, () => params[n++ % params.length]!);
      const bodyless = method === 'GET' || method === 'HEAD';
      return {
        method,
        path: path + query,
        auth,
        contentType: bodyless ? null : b.contentType,
        body: bodyless ? null : b.body,
        headers,
      };
    });
}
