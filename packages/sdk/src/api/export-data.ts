import { ParleyError } from '../errors.ts';

export interface ExportDataOptions {
  /** Bytes received so far; called as the zip arrives (its total is not known in advance). */
  onProgress?: (received: number) => void;
  /** Stops the download; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface ExportedData {
  /** The zip (`application/zip`). */
  blob: Blob;
  /** The name the server gave it, e.g. `parley-export-alice-2026-12-07.zip`. */
  fileName: string;
}

type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/**
 * GET /api/v1/me/export (PROTOCOL.md, "Export my data"): the zip, read as it streams so the
 * caller can show bytes received. A refusal (another export of mine still running: 429
 * `rate_limited`) rejects with its ParleyError, a dropped transfer with `network`.
 */
export async function downloadExport(
  fetch: FetchLike,
  url: string,
  token: string | undefined,
  options: ExportDataOptions = {},
): Promise<ExportedData> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'GET',
      headers: {
        accept: 'application/zip',
        ...(token !== undefined && { authorization: `Bearer ${token}` }),
      },
      ...(options.signal && { signal: options.signal }),
    });
  } catch (err) {
    if (options.signal?.aborted) throw err;
    throw new ParleyError('network', `GET /me/export: could not reach the server (${messageOf(err)})`, {
      cause: err,
    });
  }
  if (!response.ok) {
    const refusal = (await response.json().catch(() => null)) as { error?: ErrorLike } | null;
    if (refusal?.error && typeof refusal.error.code === 'string')
      throw ParleyError.fromBody(
        refusal.error as Parameters<typeof ParleyError.fromBody>[0],
        response.status,
      );
    throw new ParleyError('bad_response', `GET /me/export: HTTP ${response.status}`, {
      status: response.status,
    });
  }

  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  try {
    const reader = response.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      options.onProgress?.(received);
    }
  } catch (err) {
    if (options.signal?.aborted) throw err;
    throw new ParleyError('network', `GET /me/export: the download broke off (${messageOf(err)})`, {
      cause: err,
    });
  }
  return {
    blob: new Blob(chunks, { type: 'application/zip' }),
    fileName: fileNameOf(response.headers.get('content-disposition')) ?? 'parley-export.zip',
  };
}

interface ErrorLike {
  code?: unknown;
}

/** The file name of a Content-Disposition header (RFC 6266): filename* first, then filename. */
function fileNameOf(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!.trim());
    } catch {
      // Fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(header);
  return plain ? (plain[1]?.replace(/\\(.)/g, '$1') ?? plain[2]!) : null;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
