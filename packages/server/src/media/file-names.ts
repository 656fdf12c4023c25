import { limits } from '@parley/protocol';

/**
 * A file name as given by an uploader, made safe to keep and to offer back in downloads:
 * NFC, no path (only what follows the last / or \), no control or bidi-override characters
 * (which can disguise `evil‮fdp.exe` as `evil.exe.pdf`), trimmed, at most limits.fileNameMax
 * characters with the extension kept. Nothing left: "file".
 */
export function cleanFileName(raw: string): string {
  const base = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim()
    .replace(/^\.+/, '');
  if (cleaned === '') return 'file';
  const chars = [...cleaned];
  if (chars.length <= limits.fileNameMax) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 && cleaned.length - dot <= 16 ? cleaned.slice(dot) : '';
  return chars.slice(0, limits.fileNameMax - [...ext].length).join('') + ext;
}
