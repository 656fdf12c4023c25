import { describe, expect, it } from 'vitest';
import { cleanFileName } from '../../src/media/file-names.ts';

describe('cleanFileName', () => {
  it('keeps ordinary names in any script as given', () => {
    for (const name of ['report.pdf', '会议记录 3月.docx', 'صورة.png', '👩‍💻 notes.txt'])
      expect(cleanFileName(name)).toBe(name);
  });

  it('removes bidi overrides and line separators that disguise or split a name', () => {
    expect(cleanFileName('evil\u202Efdp.exe')).toBe('evilfdp.exe');
    expect(cleanFileName('minutes\u2028.pdf')).toBe('minutes.pdf');
    expect(cleanFileName('minutes\u2029draft.pdf')).toBe('minutesdraft.pdf');
  });

  it('names a file of only invisible characters "file"', () => {
    for (const name of ['\u3164', '\u2800\u2800', ' \u115F\u200B ', '\u2028'])
      expect(cleanFileName(name)).toBe('file');
  });
});
