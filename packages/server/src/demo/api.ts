import type { FastifyInstance } from 'fastify';

/**
 * The seed's way in: Parley's own REST API, called in-process with Fastify's `inject` (no port
 * is opened while the world is written). Going through the routes rather than the store means
 * the demo's rows are whatever the real server writes, and stay so as the server changes.
 */
export interface DemoApi {
  /**
   * One JSON request; throws, naming the request and the answer, unless it succeeded. The
   * answer is untyped: the seed reads a field or two of it, and a wrong one fails the seed.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
  call(method: Method, path: string, token?: string, json?: unknown): Promise<any>;
  /** Uploads `bytes` over tus (create, then one PATCH) and returns the finished upload's id. */
  upload(token: string, kind: 'image' | 'file' | 'voice', filename: string, bytes: Buffer): Promise<string>;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export function demoApi(app: FastifyInstance): DemoApi {
  const auth = (token: string | undefined) =>
    token === undefined ? {} : { authorization: `Bearer ${token}` };
  const fail = (what: string, status: number, body: string) =>
    new Error(`demo seed: ${what} answered ${status}: ${body.slice(0, 300)}`);

  return {
    async call(method, path, token, json) {
      const res = await app.inject({
        method,
        url: `/api/v1${path}`,
        headers: { ...auth(token), ...(json !== undefined && { 'content-type': 'application/json' }) },
        ...(json !== undefined && { payload: JSON.stringify(json) }),
      });
      if (res.statusCode >= 300) throw fail(`${method} ${path}`, res.statusCode, res.body);
      return res.body === '' ? undefined : res.json();
    },

    async upload(token, kind, filename, bytes) {
      const tus = { ...auth(token), 'tus-resumable': '1.0.0' };
      const metadata = Object.entries({ kind, filename })
        .map(([key, value]) => `${key} ${Buffer.from(value, 'utf8').toString('base64')}`)
        .join(',');
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/uploads',
        headers: { ...tus, 'upload-length': String(bytes.length), 'upload-metadata': metadata },
      });
      const location = created.headers.location;
      if (created.statusCode !== 201 || typeof location !== 'string') {
        throw fail(`upload ${filename}`, created.statusCode, created.body);
      }
      const done = await app.inject({
        method: 'PATCH',
        url: location,
        headers: { ...tus, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
        payload: bytes,
      });
      if (done.statusCode !== 200) throw fail(`upload ${filename}`, done.statusCode, done.body);
      return (done.json() as { id: string }).id;
    },
  };
}
