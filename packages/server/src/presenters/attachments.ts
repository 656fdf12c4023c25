import type { Attachment, Upload } from '@parley/protocol';
import type { UploadRow } from '../store/tables.ts';

/**
 * What a message's data keeps of its upload: a copy taken when it was sent, so a page of
 * history needs no join (an upload never changes once ready).
 */
export interface StoredAttachment {
  id: string;
  kind: Attachment['kind'];
  name: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  animated: boolean;
  thumbnail: boolean;
}

export function storedAttachment(upload: UploadRow): StoredAttachment {
  return {
    id: upload.id,
    kind: upload.kind,
    name: upload.name,
    mime: upload.mime,
    size: Number(upload.size),
    width: upload.width,
    height: upload.height,
    durationMs: upload.duration_ms,
    animated: upload.animated === 1,
    thumbnail: upload.thumb_sha !== null,
  };
}

/** Where anyone fetches an avatar by its hash (http/routes/avatars.ts); null stays null. */
export const avatarPath = (sha256: string | null) => (sha256 === null ? null : `/avatars/${sha256}`);

/** Where a client fetches an upload (see http/routes/media.ts). */
export const mediaPath = (id: string, variant?: 'thumbnail') => `/media/${id}${variant ? `/${variant}` : ''}`;

export function presentAttachment({ thumbnail, ...stored }: StoredAttachment): Attachment {
  return {
    ...stored,
    url: mediaPath(stored.id),
    thumbnailUrl: thumbnail ? mediaPath(stored.id, 'thumbnail') : null,
  };
}

export function presentUpload(upload: UploadRow): Upload {
  return {
    ...presentAttachment(storedAttachment(upload)),
    status: upload.status,
    createdAt: upload.created_at,
  };
}
