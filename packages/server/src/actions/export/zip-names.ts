import { cleanFileName } from '../../media/file-names.ts';

/** Names Windows will not create, whatever the extension (CON, con.txt, LPT1.png …). */
const reserved = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/**
 * A stored upload name (cleaned already at upload, media/file-names.ts) made safe to unpack
 * on any file system: no characters Windows, macOS or Linux refuse or read as paths, no
 * reserved device names, no trailing dots or spaces.
 */
export function safeFileName(name: string): string {
  let safe = cleanFileName(name)
    .replace(/[<>:"/\\|?*]/g, '_')
    .replace(/[. ]+$/, '');
  if (safe === '' || safe === '.' || safe === '..') safe = 'file';
  if (reserved.test(safe)) safe = `_${safe}`;
  return safe;
}

/**
 * Hands out names in one folder of the zip, each once: a repeat gets " (2)", " (3)" … before
 * its extension. Compared without case, since Windows and macOS would put both in one file.
 */
export class UniqueNames {
  private readonly taken = new Set<string>();

  claim(name: string): string {
    const safe = safeFileName(name);
    const dot = safe.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [safe.slice(0, dot), safe.slice(dot)] : [safe, ''];
    let candidate = safe;
    for (let n = 2; this.taken.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${ext}`;
    this.taken.add(candidate.toLowerCase());
    return candidate;
  }
}
