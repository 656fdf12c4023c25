import { createConfig, lintFromString } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { useServer } from '../support/server.ts';

type Operation = { operationId?: string; security?: unknown[]; responses?: Record<string, unknown> };
type Document = { paths: Record<string, Record<string, Operation>> };

const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** The document at /api/docs/json, as a client generator would read it. */
async function fetchDocument(base: string): Promise<{ text: string; document: Document }> {
  const res = await fetch(`${base}/api/docs/json`);
  expect(res.status).toBe(200);
  const text = await res.text();
  return { text, document: JSON.parse(text) as Document };
}

/**
 * The OpenAPI document is what people generate clients from and read to learn the API, so it
 * must hold every route the server answers, each with its operationId, who may call it and how
 * it refuses, and pass a standard linter (Redocly's recommended rules) without a warning.
 */
describe('the OpenAPI document', () => {
  const server = useServer('sqlite');

  it('passes Redocly’s recommended rules without an error or a warning', async () => {
    const { text } = await fetchDocument(server().url);
    const config = await createConfig({
      extends: ['recommended'],
      rules: {
        // `/media/{id}/thumbnail` and `/media/stickers/{id}` could match one path in theory; the
        // router tries the fixed segment first, and ids never read "stickers".
        'no-ambiguous-paths': 'off',
        // Parley has chosen no licence yet; the document says nothing rather than invent one.
        'info-license': 'off',
        // A zod tuple of two integers (search highlights) is written in OpenAPI 3.0 as anyOf of
        // the same schema twice, 3.0 having no prefixItems; it is right, only redundant.
        'no-illogical-composition-keywords': 'off',
      },
    });
    const problems = (await lintFromString({ source: text, absoluteRef: 'openapi.json', config })).filter(
      // The WebSocket upgrade answers 101 Switching Protocols, never a 2xx.
      (p) =>
        !(p.ruleId === 'operation-2xx-response' && p.location[0]?.pointer === '#/paths/~1ws/get/responses'),
    );
    const found = problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    expect(found).toEqual([]);
  });

  it('has every route the server answers, the web client’s pages and the docs’ own aside', async () => {
    const { document } = await fetchDocument(server().url);
    const api = /^\/(api\/v1|media|avatars|stickers|emoji|ws|metrics)(\/|$)/;
    const missing = server()
      .parley.routes.filter((r) => api.test(r.url) && r.method !== 'HEAD' && r.method !== 'OPTIONS')
      .map((r) => ({ method: r.method.toLowerCase(), path: r.url.replace(/:(\w+)/g, '{$1}') }))
      .filter(({ method, path }) => document.paths[path]?.[method] === undefined)
      .map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    expect(missing).toEqual([]);
    // The resumable uploads, which @tus/server answers without a schema, were once left out.
    expect(Object.keys(document.paths['/api/v1/uploads'] ?? {})).toContain('post');
    expect(Object.keys(document.paths['/api/v1/uploads/{id}'] ?? {})).toEqual(
      expect.arrayContaining(['get', 'patch', 'head', 'delete']),
    );
  });

  it('gives every operation an operationId of its own, its security and a refusal', async () => {
    const { document } = await fetchDocument(server().url);
    const ids = new Set<string>();
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (!methods.includes(method)) continue;
        const where = `${method.toUpperCase()} ${path}`;
        expect(operation.operationId, where).toMatch(/^[a-z][A-Za-z0-9]+$/);
        expect(ids.has(operation.operationId!), `${where}: operationId used twice`).toBe(false);
        ids.add(operation.operationId!);
        expect(operation.security, `${where} says who may call it`).toBeDefined();
        const refusals = Object.keys(operation.responses ?? {}).filter((status) => /^[45]/.test(status));
        expect(refusals, `${where} lists its refusals`).toContain('429');
      }
    }
    expect(ids.size).toBeGreaterThan(80);
  });

  it('lets the media routes be called with the session or the media cookie', async () => {
    const { document } = await fetchDocument(server().url);
    for (const path of ['/media/{id}', '/media/{id}/thumbnail']) {
      expect(document.paths[path]?.get?.security, path).toEqual(
        expect.arrayContaining([{ bearer: [] }, { mediaCookie: [] }]),
      );
    }
  });
});
