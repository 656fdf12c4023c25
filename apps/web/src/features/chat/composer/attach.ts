import type { UploadKind } from '@parley/protocol';
import { type ParleySession, isParleyError } from '@parley/sdk';
import { i18next } from '../../../i18n/index.ts';
import { errorText } from '../../../util/error-text.ts';

/** How a file is uploaded: pictures as images (SVG is not one: it is sent as a file), the rest as files. */
export function uploadKindOf(file: File): UploadKind {
  return file.type.startsWith('image/') && file.type !== 'image/svg+xml' ? 'image' : 'file';
}

/**
 * Uploads each file and sends it as a message of its own once uploaded (called on drop, paste
 * and pick). The SDK session keeps the uploads (session.attachments): progress shows in the
 * conversation's tray, and they go on while the user looks at another chat.
 */
export function attachFiles(session: ParleySession, conversationId: string, files: File[]): void {
  for (const file of files)
    session.attachments.start(conversationId, file, { kind: uploadKindOf(file), name: file.name });
}

/** The refusals uploads meet most, in words that say what to do; anything else as usual. */
export function uploadErrorText(err: unknown): string {
  if (isParleyError(err)) {
    const key = err.code === 'empty' ? 'composer:attach.empty' : `composer:attach.errors.${err.code}`;
    if (i18next.exists(key)) return i18next.t(key);
  }
  return errorText(err);
}
