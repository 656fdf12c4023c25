import type { Upload, UploadKind } from '@parley/protocol';
import type * as tus from 'tus-js-client';
import { ParleyError } from '../errors.ts';
import { type Call, seg } from './call.ts';

/** What to upload: a browser File/Blob, or bytes (Node: a Buffer). */
export type UploadSource = Blob | Uint8Array;

export interface UploadOptions {
  kind: UploadKind;
  /** The name shown to others and offered for downloads. */
  name: string;
  /** Bytes sent so far of `total`; called as the upload goes (for a progress bar). */
  onProgress?: (sent: number, total: number) => void;
  /** The URL of an earlier, interrupted upload of the same file: go on from where it stopped. */
  resumeUrl?: string;
  /** Bytes per PATCH request; by default the whole rest at once (limits.uploadChunkMaxBytes at most). */
  chunkSize?: number;
}

/** One upload under way. */
export interface UploadTask {
  /** Resolves with the finished Upload (type detected, image re-encoded), or rejects with a ParleyError. */
  readonly done: Promise<Upload>;
  /** Its URL on the server once created: keep it to resume after a reload (`resumeUrl`). */
  readonly url: () => string | null;
  /** Stops sending. `cancel: true` also deletes what the server holds (frees the quota); otherwise it can be resumed. */
  abort(options?: { cancel?: boolean }): Promise<void>;
}

/**
 * Uploads over tus (resumable: a dropped connection resumes from the last byte the server
 * has, with retries; see PROTOCOL.md "Uploads"), then `attachmentId: upload.id` in a send.
 * Built on tus-js-client, which works in browsers and Node.
 */
export class UploadsApi {
  constructor(
    private readonly call: Call,
    private readonly baseUrl: string,
    private readonly token: () => string | undefined,
  ) {}

  start(source: UploadSource, options: UploadOptions): UploadTask {
    let settle!: { resolve(upload: Upload): void; reject(err: unknown): void };
    const done = new Promise<Upload>((resolve, reject) => (settle = { resolve, reject }));
    const token = this.token();
    let upload: tus.Upload | null = null;
    let aborted: { cancel: boolean } | null = null;
    // tus-js-client is loaded on the first upload, so a web client's first page does not carry it.
    void import('tus-js-client').then(
      ({ Upload: TusUpload }) => {
        if (aborted) return;
        upload = new TusUpload(source as tus.Upload['file'], {
          endpoint: `${this.baseUrl}/api/v1/uploads`,
          ...(options.resumeUrl !== undefined && { uploadUrl: options.resumeUrl }),
          ...(options.chunkSize !== undefined && { chunkSize: options.chunkSize }),
          headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
          metadata: { kind: options.kind, filename: options.name },
          // Refusals (4xx) are final; a lost connection or a restarting server is retried.
          retryDelays: [0, 1000, 3000, 5000, 10000],
          onShouldRetry: (err) => {
            const status = err.originalResponse?.getStatus() ?? 0;
            return status === 0 || status >= 500 || status === 423 || status === 409;
          },
          removeFingerprintOnSuccess: true,
          ...(options.onProgress && { onProgress: options.onProgress }),
          onSuccess: ({ lastResponse }) => {
            try {
              settle.resolve(JSON.parse(lastResponse.getBody()) as Upload);
            } catch (err) {
              settle.reject(
                new ParleyError('bad_response', 'the upload finished without its description', {
                  cause: err,
                }),
              );
            }
          },
          onError: (err) => settle.reject(parleyErrorOf(err)),
        });
        upload.start();
      },
      (err: unknown) =>
        settle.reject(new ParleyError('network', 'could not load the upload client', { cause: err })),
    );
    return {
      done,
      url: () => upload?.url ?? null,
      abort: async ({ cancel = false } = {}) => {
        if (upload) return upload.abort(cancel);
        // Not started yet: nothing reached the server, so there is nothing to delete either.
        aborted = { cancel };
      },
    };
  }

  /** One of my uploads. */
  get(id: string): Promise<Upload> {
    return this.call('GET', `/uploads/${seg(id)}`);
  }

  /**
   * Lets this browser load /media with the session (a cookie only /media receives), so
   * <img src> and <audio src> work. Call once after signing in.
   */
  enableMediaCookie(): Promise<void> {
    return this.call('POST', '/media/cookie');
  }

  /** The full address of a `url` or `thumbnailUrl` of an Attachment. */
  mediaUrl(path: string): string {
    return `${this.baseUrl}${path}`;
  }
}

/** tus-js-client's error, as the ParleyError the server's refusal body stands for. */
function parleyErrorOf(err: Error | tus.DetailedError): ParleyError {
  const response = 'originalResponse' in err ? err.originalResponse : null;
  if (!response) return new ParleyError('network', `upload failed: ${err.message}`, { cause: err });
  const status = response.getStatus();
  try {
    const body = JSON.parse(response.getBody()) as {
      error?: { code: string; message: string; field?: string };
    };
    if (body.error) return ParleyError.fromBody(body.error, status);
  } catch {
    // not ours
  }
  return new ParleyError('bad_response', `upload failed: HTTP ${status}`, { status, cause: err });
}
