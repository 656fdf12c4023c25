import { isBlankText, limits } from '@parley/protocol';

/**
 * A file name as given by an uploader, made safe to keep and to offer back in downloads:
 * NFC, no path (only what follows the last / or \), no control, line-separator or format
 * characters (bidi overrides among them, which can disguise `evil‮fdp.exe` as `evil.exe.pdf`;
 * the zero-width joiners stay), trimmed, at most limits.fileNameMax characters with the
 * extension kept. Nothing visible left (only spaces, Hangul fillers, Braille blanks …): "file".
 */
export function cleanFileName(raw: string): string {
  const base = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = base
    // Format characters go, except the joiners that emoji sequences (👩‍💻) and Persian need.
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]|(?![\u200C\u200D])\p{Cf}/gu, '')
    .trim()
    .replace(/^\.+/, '');
  if (isBlankText(cleaned)) return 'file';
  const chars = [...cleaned];
  if (chars.length <= limits.fileNameMax) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 && cleaned.length - dot <= 16 ? cleaned.slice(dot) : '';
  return chars.slice(0, limits.fileNameMax - [...ext].length).join('') + ext;
}
