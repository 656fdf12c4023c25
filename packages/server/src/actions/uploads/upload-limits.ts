import type { UploadKind } from '@parley/protocol';
import type { Config } from '../../config/settings.ts';

const MB = 1024 * 1024;

/** The most bytes an upload of `kind` may have (PARLEY_IMAGE_MAX_MB, _VOICE_, _FILE_). */
export function maxBytesOf(config: Config, kind: UploadKind): number {
  const mb = kind === 'image' ? config.imageMaxMb : kind === 'voice' ? config.voiceMaxMb : config.fileMaxMb;
  return mb * MB;
}

/** The largest upload of any kind: what tus is told to accept at all. */
export function largestUpload(config: Config): number {
  return Math.max(config.imageMaxMb, config.voiceMaxMb, config.fileMaxMb) * MB;
}

/** PARLEY_UPLOAD_QUOTA_MB in bytes; null means no quota. */
export function quotaBytes(config: Config): number | null {
  return config.uploadQuotaMb === 0 ? null : config.uploadQuotaMb * MB;
}
