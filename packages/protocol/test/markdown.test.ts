import { describe, expect, it } from 'vitest';
import { parseMarkdown, plainText } from '../src/index.ts';

describe('light markdown', () => {
  it('leaves plain text, Chinese and emoji alone', () => {
    expect(parseMarkdown('大家好 👋 see you at 3')).toEqual([
      { kind: 'text', text: '大家好 👋 see you at 3' },
    ]);
  });

  it('marks bold, italic and inline code', () => {
    expect(parseMarkdown('**big** and *small* and _also_ and `x = 1`')).toEqual([
      { kind: 'bold', children: [{ kind: 'text', text: 'big' }] },
      { kind: 'text', text: ' and ' },
      { kind: 'italic', children: [{ kind: 'text', text: 'small' }] },
      { kind: 'text', text: ' and ' },
      { kind: 'italic', children: [{ kind: 'text', text: 'also' }] },
      { kind: 'text', text: ' and ' },
      { kind: 'code', text: 'x = 1' },
    ]);
  });

  it('keeps code verbatim, marks and all', () => {
    expect(parseMarkdown('```\n**not bold** <b>\n```')).toEqual([
      { kind: 'codeBlock', text: '**not bold** <b>\n' },
    ]);
  });

  it('does not read marks inside words', () => {
    expect(parseMarkdown('snake_case_name and 2*3*4')).toEqual([
      { kind: 'text', text: 'snake_case_name and 2*3*4' },
    ]);
    expect(parseMarkdown('mail me at bob@example.com')).toEqual([
      { kind: 'text', text: 'mail me at bob@example.com' },
    ]);
  });

  it('makes links of http(s) only; javascript: stays text', () => {
    expect(parseMarkdown('[docs](https://example.org/a?b=1)')).toEqual([
      { kind: 'link', href: 'https://example.org/a?b=1', children: [{ kind: 'text', text: 'docs' }] },
    ]);
    expect(parseMarkdown('[click](javascript:alert(1))')).toEqual([
      { kind: 'text', text: '[click](javascript:alert(1))' },
    ]);
    expect(parseMarkdown('see https://parley.chat/x.')).toEqual([
      { kind: 'text', text: 'see ' },
      {
        kind: 'link',
        href: 'https://parley.chat/x',
        children: [{ kind: 'text', text: 'https://parley.chat/x' }],
      },
      { kind: 'text', text: '.' },
    ]);
  });

  it('finds @mentions and honours escapes', () => {
    expect(parseMarkdown('hi @alice_w, \\*not italic\\*')).toEqual([
      { kind: 'text', text: 'hi ' },
      { kind: 'mention', username: 'alice_w' },
      { kind: 'text', text: ', *not italic*' },
    ]);
  });

  it('finds a mention right after Chinese text, as people type it', () => {
    expect(parseMarkdown('你好@bob')).toEqual([
      { kind: 'text', text: '你好' },
      { kind: 'mention', username: 'bob' },
    ]);
  });

  it('marks :shortcode: custom emoji, but not clock times, URLs or escaped colons', () => {
    expect(parseMarkdown('派对 :party_parrot: time!')).toEqual([
      { kind: 'text', text: '派对 ' },
      { kind: 'emoji', shortcode: 'party_parrot' },
      { kind: 'text', text: ' time!' },
    ]);
    expect(parseMarkdown('at 10:30:00')).toEqual([{ kind: 'text', text: 'at 10:30:00' }]);
    expect(parseMarkdown('\\:wave:')).toEqual([{ kind: 'text', text: ':wave:' }]);
    expect(parseMarkdown(':Wave: :a:')).toEqual([{ kind: 'text', text: ':Wave: :a:' }]);
    expect(plainText(parseMarkdown('hi :wave:'))).toBe('hi :wave:');
  });

  it('gives previews the text without marks', () => {
    expect(plainText(parseMarkdown('**Lunch** at _noon_ with @bob'))).toBe('Lunch at noon with @bob');
  });

  it('treats an unclosed mark as text', () => {
    expect(parseMarkdown('**half')).toEqual([{ kind: 'text', text: '**half' }]);
  });
});

describe('links that could lie about where they go', () => {
  const RLO = '\u202E';

  it('drop a right-to-left override from the link text, so it reads in stored order', () => {
    // Shown with the override, "invoice‮fdp.exe" reads "invoiceexe.pdf".
    expect(parseMarkdown(`[invoice${RLO}fdp.exe](https://files.example/invoice)`)).toEqual([
      {
        kind: 'link',
        href: 'https://files.example/invoice',
        // Read as a host name ("invoicefdp.exe"), the text also gets the one it really opens.
        children: [
          { kind: 'text', text: 'invoicefdp.exe' },
          { kind: 'text', text: ' (files.example)' },
        ],
      },
    ]);
  });

  it('drop every bidi control from a link address, bare or in brackets', () => {
    const controls = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C';
    expect(parseMarkdown(`https://evil.example/${controls}gpj.exe`)).toEqual([
      {
        kind: 'link',
        href: 'https://evil.example/gpj.exe',
        children: [{ kind: 'text', text: 'https://evil.example/gpj.exe' }],
      },
    ]);
    expect(parseMarkdown(`[report](https://evil.example/${RLO}fdp.exe)`)).toEqual([
      { kind: 'link', href: 'https://evil.example/fdp.exe', children: [{ kind: 'text', text: 'report' }] },
    ]);
  });

  it('make one link of a link whose text is an address, and show the host it really opens', () => {
    expect(parseMarkdown('[https://bank.example/login](https://evil.example/login)')).toEqual([
      {
        kind: 'link',
        href: 'https://evil.example/login',
        children: [
          { kind: 'text', text: 'https://bank.example/login' },
          { kind: 'text', text: ' (evil.example)' },
        ],
      },
    ]);
    expect(plainText(parseMarkdown('see [**bank.example**](https://evil.example)'))).toBe(
      'see bank.example (evil.example)',
    );
  });

  it('keep link text that names the same site as it is', () => {
    expect(parseMarkdown('[www.parley.chat/docs](https://parley.chat/docs)')).toEqual([
      {
        kind: 'link',
        href: 'https://parley.chat/docs',
        children: [{ kind: 'text', text: 'www.parley.chat/docs' }],
      },
    ]);
    expect(parseMarkdown('[the docs](https://parley.chat/docs)')).toEqual([
      { kind: 'link', href: 'https://parley.chat/docs', children: [{ kind: 'text', text: 'the docs' }] },
    ]);
  });

  it('nest no link inside the text of another', () => {
    const [outer] = parseMarkdown('[mirror: https://a.example/x](https://b.example/x)');
    expect(outer).toEqual({
      kind: 'link',
      href: 'https://b.example/x',
      children: [
        { kind: 'text', text: 'mirror: https://a.example/x' },
        { kind: 'text', text: ' (b.example)' },
      ],
    });
  });

  it('show the real host of a bare address that puts a decoy before an @', () => {
    expect(parseMarkdown('https://bank.example@evil.example/login')).toEqual([
      {
        kind: 'link',
        href: 'https://bank.example@evil.example/login',
        children: [
          { kind: 'text', text: 'https://bank.example@evil.example/login' },
          { kind: 'text', text: ' (evil.example)' },
        ],
      },
    ]);
  });

  it('keep bidi controls in ordinary text, where right-to-left writers need them', () => {
    expect(parseMarkdown('\u2067שלום\u2069 hi')).toEqual([{ kind: 'text', text: '\u2067שלום\u2069 hi' }]);
  });
});
