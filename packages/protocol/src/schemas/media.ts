import { z } from 'zod';
import { Id, Timestamp } from './common.ts';

/**
 * Media: uploads (over tus, see PROTOCOL.md "Uploads") and the attachment a message shows.
 * The server decides `mime`, sizes and duration from the bytes; the client's claims are only
 * the kind it asks for and the file name.
 */
export const UploadKind = z.enum(['image', 'file', 'voice']);
export type UploadKind = z.infer<typeof UploadKind>;

/** What a message shows of its upload. `url` and `thumbnailUrl` are paths on the server. */
export const Attachment = z.object({
  /** The upload's id (what `attachmentId` named when sending). */
  id: Id,
  kind: UploadKind,
  /** The name it was uploaded under (cleaned); downloads are offered under it. */
  name: z.string(),
  /** Detected from the bytes. Images are re-encoded (metadata stripped), so this is the stored type. */
  mime: z.string(),
  /** Bytes of the stored file. */
  size: z.number().int(),
  /** Images: pixels of the stored image (of one frame, if animated). */
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  /** Voice: length in milliseconds, read from the recording. */
  durationMs: z.number().int().nullable(),
  /** Images: an animated GIF or WebP, kept animated. */
  animated: z.boolean(),
  /** GET it with the session (bearer header, or the media cookie): see PROTOCOL.md "Media". */
  url: z.string(),
  /** Images: a small WebP for the chat view; null for other kinds. */
  thumbnailUrl: z.string().nullable(),
});
export type Attachment = z.infer<typeof Attachment>;

/** An upload as its owner sees it (the tus upload's final response, and GET /uploads/{id}). */
export const Upload = Attachment.extend({
  status: z.enum(['uploading', 'ready']),
  createdAt: Timestamp,
});
export type Upload = z.infer<typeof Upload>;

/** PUT /me/avatar and /groups/{id}/avatar: which of my image uploads becomes the avatar. */
export const SetAvatarBody = z.strictObject({ uploadId: Id });
export type SetAvatarBody = z.infer<typeof SetAvatarBody>;

/** What the client puts in tus `Upload-Metadata` (each value base64, as tus says). */
export const UploadMetadata = z.strictObject({
  kind: UploadKind,
  /** The file's name as the user knows it; kept for downloads (at most limits.fileNameMax). */
  filename: z.string().min(1),
  /** tus-js-client adds the browser's type claim; read and ignored. */
  filetype: z.string().optional(),
});
export type UploadMetadata = z.infer<typeof UploadMetadata>;
