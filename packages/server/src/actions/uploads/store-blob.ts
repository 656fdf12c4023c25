import { stat } from 'node:fs/promises';
import { now } from '../../ids.ts';
import { sha256File } from '../../media/hash.ts';
import type { Services } from '../../services.ts';
import { insertBlob } from '../../store/uploads.ts';

/**
 * Moves a finished file into the blob store under its SHA-256 and records the blob; returns
 * the hash. Call it holding services.blobLock, together with whatever then points at the blob.
 */
export async function storeBlob(services: Services, file: string): Promise<string> {
  const sha256 = await sha256File(file);
  const { size } = await stat(file);
  await services.blobs.put(sha256, file);
  await insertBlob(services.store.db, sha256, size, now());
  return sha256;
}
