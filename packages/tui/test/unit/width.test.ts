import { describe, expect, it } from 'vitest';
import { fit, widthOf, wrap } from '../../src/text/width.ts';

describe('text measured in terminal cells', () => {
  it('counts a Chinese character and an emoji as two cells', () => {
    expect(widthOf('你好')).toBe(4);
    expect(widthOf('🎉')).toBe(2);
    expect(widthOf('abc')).toBe(3);
  });

  it('fits a row to an exact width without cutting a wide character in half', () => {
    expect(fit('你好世界', 5)).toBe('你好…');
    expect(widthOf(fit('你好世界', 5))).toBe(5);
    expect(fit('ab', 4)).toBe('ab  ');
    expect(widthOf(fit('a你b', 3))).toBe(3);
  });

  it('wraps Chinese text between characters, and English between words', () => {
    const lines = wrap('12:00 李: 你好！这是一条很长的中文消息', 16);
    expect(lines[0]).toBe('12:00 李: 你好！');
    expect(lines.every((line) => widthOf(line) <= 16)).toBe(true);
    expect(lines.join('')).toBe('12:00 李: 你好！这是一条很长的中文消息');
    expect(wrap('the quick brown fox', 10)).toEqual(['the quick', 'brown fox']);
  });

  it('keeps control characters out of what is drawn', () => {
    expect(fit('a\u001b[2Jb', 6)).toBe('a [2Jb');
    expect(wrap('a\u0007b', 10)).toEqual(['a b']);
  });
});
