import { UploadMetadata } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { now } from '../../ids.ts';
import { cleanFileName } from '../../media/file-names.ts';
import { type Services, transact } from '../../services.ts';
import { bytesUsedBy, insertUpload } from '../../store/uploads.ts';
import { lockUser } from '../../store/users.ts';
import type { UploadRow } from '../../store/tables.ts';
import { maxBytesOf, quotaBytes } from './upload-limits.ts';

/**
 * A tus upload is being created: checks what can be checked before any byte arrives — the
 * kind, the name, the declared length against the kind's limit and the user's quota — and
 * records it as `uploading`, counted against the quota at its declared size until it is
 * finished or abandoned. The bytes' real type is checked when they are all there.
 */
export async function startUpload(
  services: Services,
  actor: Actor,
  id: string,
  declaredSize: number | undefined,
  metadata: Record<string, string | null | undefined>,
): Promise<UploadRow> {
  const parsed = UploadMetadata.safeParse(
    Object.fromEntries(Object.entries(metadata).filter(([, v]) => v !== null && v !== undefined)),
  );
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys[0] : 'metadata');
    throw new AppError('invalid_request', `Upload-Metadata ${field}: ${issue.message}`, {
      field: `metadata.${field}`,
    });
  }
  const { kind, filename } = parsed.data;
  if (declaredSize === undefined) {
    throw new AppError('invalid_request', 'send Upload-Length: the size must be known at the start', {
      field: 'Upload-Length',
    });
  }
  const max = maxBytesOf(services.config, kind);
  if (declaredSize > max) {
    throw new AppError('too_large', `${kind} uploads are at most ${Math.floor(max / 1024 / 1024)} MB`, {
      field: 'Upload-Length',
    });
  }
  return transact(services, async (tx) => {
    // One creation at a time per user (the user's row lock, PostgreSQL): a burst of
    // creations must not all read the same usage and together pass the quota.
    await lockUser(tx, actor.user.id);
    const quota = quotaBytes(services.config);
    if (quota !== null && (await bytesUsedBy(tx, actor.user.id)) + declaredSize > quota) {
      throw new AppError(
        'quota_exceeded',
        `your uploads may take at most ${services.config.uploadQuotaMb} MB; delete or stop sending some first`,
      );
    }
    const row: UploadRow = {
      id,
      owner_id: actor.user.id,
      kind,
      status: 'uploading',
      name: cleanFileName(filename),
      size: declaredSize,
      mime: '',
      blob_sha: null,
      thumb_sha: null,
      width: null,
      height: null,
      duration_ms: null,
      animated: 0,
      sent: 0,
      created_at: now(),
    };
    await insertUpload(tx, row);
    return row;
  });
}
