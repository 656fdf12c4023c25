import fastifyCompress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/**
 * JSON answers of the API are compressed for a client that accepts it, once they pass 1 KB:
 * a page of history or the conversation list is mostly repeated keys and ids, and shrinks
 * 5–8× (40 messages: 19 KB → 2.4 KB), which on a phone's slow link is most of the wait.
 * Brotli at quality 4 (the plugin's default) costs well under a millisecond for such a page
 * (docs/benchmarks.md, "Web client: first paint and bundle"). Only JSON: media, avatars and
 * the web client's files are compressed already or precompressed at build time, and request
 * bodies are never taken compressed.
 */
export async function compressJsonAnswers(api: FastifyInstance): Promise<void> {
  await api.register(fastifyCompress, {
    customTypes: /^application\/json\b/,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    globalDecompression: false,
  });
}
