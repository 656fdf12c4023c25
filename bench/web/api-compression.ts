/**
 * What compressing the API's JSON costs and saves: the seeded site (site.ts) answers the
 * conversation list and a 40-message history page many times, asked with `Accept-Encoding:
 * identity`, `gzip` and `br`, one request at a time over loopback (where the network is free,
 * so only the server's extra work shows). Prints bytes on the wire and the median and p95
 * time to the last byte. Run from the repository root:
 *
 *   flock /tmp/parley-heavy.lock npx tsx bench/web/api-compression.ts [--web-dir <dist>] [--requests 300]
 */
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startSite, thisRepo } from './site.ts';

const { values: args } = parseArgs({
  options: { 'web-dir': { type: 'string' }, requests: { type: 'string', default: '300' } },
});
const requests = Number(args.requests);

function get(
  url: string,
  headers: Record<string, string>,
): Promise<{ bytes: number; ms: number; encoding?: string }> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers, agent }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => {
          const encoding = res.headers['content-encoding'];
          resolve({ bytes, ms: performance.now() - start, ...(encoding && { encoding }) });
        });
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const site = await startSite(path.resolve(thisRepo), args['web-dir']);
try {
  const paths = {
    'conversation list': '/api/v1/conversations',
    'history, 40 messages': `/api/v1/conversations/${site.chatId}/messages?limit=40`,
  };
  const accepts = ['identity', 'gzip', 'br'];
  for (const [name, p] of Object.entries(paths)) {
    const headersFor = (accept: string) => ({
      authorization: `Bearer ${site.session.token}`,
      'accept-encoding': accept,
    });
    for (let i = 0; i < 20; i += 1) for (const accept of accepts) await get(site.url + p, headersFor(accept)); // warm up
    // Interleaved, so a busy moment on the machine falls on every encoding alike.
    const times = new Map(accepts.map((a) => [a, [] as number[]]));
    const last = new Map<string, Awaited<ReturnType<typeof get>>>();
    for (let i = 0; i < requests; i += 1) {
      for (const accept of accepts) {
        const answer = await get(site.url + p, headersFor(accept));
        times.get(accept)!.push(answer.ms);
        last.set(accept, answer);
      }
    }
    for (const accept of accepts) {
      const sorted = times.get(accept)!.sort((a, b) => a - b);
      const at = (q: number) =>
        sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(2);
      const answer = last.get(accept)!;
      process.stdout.write(
        `${name.padEnd(22)} ${accept.padEnd(9)} ${String(answer.bytes).padStart(6)} B (${answer.encoding ?? 'plain'})  median ${at(0.5)} ms  p95 ${at(0.95)} ms\n`,
      );
    }
  }
} finally {
  agent.destroy();
  await site.stop();
}
