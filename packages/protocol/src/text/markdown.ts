/**
 * Parley's light markdown: the few marks people type in chats, parsed into tokens that a
 * client renders as text nodes — never into HTML, so a message cannot inject markup.
 *
 *   **bold**   *italic* or _italic_   `code`   ```code block```   [text](https://…)
 *   bare https://… and http://… links   @username mentions   :shortcode: custom emoji
 *   \* escapes a mark
 *
 * Only http(s) and mailto links are links; anything else (javascript:, data:) stays text.
 * Marks do not nest except inside bold/italic text; code is always verbatim. The server
 * stores the text as typed; clients share this one parser, so every client shows the same.
 */
export type Token =
  | { kind: 'text'; text: string }
  | { kind: 'bold'; children: Token[] }
  | { kind: 'italic'; children: Token[] }
  | { kind: 'code'; text: string }
  | { kind: 'codeBlock'; text: string }
  | { kind: 'link'; href: string; children: Token[] }
  | { kind: 'mention'; username: string }
  /**
   * `:party_parrot:`: a client shows the server's custom emoji of that name
   * (GET /api/v1/custom-emoji), and the text `:party_parrot:` when there is none.
   */
  | { kind: 'emoji'; shortcode: string };

const SAFE_SCHEME = /^(https?:\/\/|mailto:)/i;

interface Rule {
  pattern: RegExp;
  make(match: RegExpExecArray): Token;
}

const rules: Rule[] = [
  { pattern: /^```\n?([\s\S]*?)```/, make: (m) => ({ kind: 'codeBlock', text: m[1]! }) },
  { pattern: /^`([^`\n]+)`/, make: (m) => ({ kind: 'code', text: m[1]! }) },
  { pattern: /^\\([\\`*_[\]@:])/, make: (m) => ({ kind: 'text', text: m[1]! }) },
  { pattern: /^\*\*(?=\S)([\s\S]*?\S)\*\*/, make: (m) => ({ kind: 'bold', children: parseMarkdown(m[1]!) }) },
  { pattern: /^\*(?=\S)([^*\n]*?\S)\*/, make: (m) => ({ kind: 'italic', children: parseMarkdown(m[1]!) }) },
  {
    pattern: /^_(?=\S)([^_\n]*?\S)_(?![\p{L}\p{N}])/u,
    make: (m) => ({ kind: 'italic', children: parseMarkdown(m[1]!) }),
  },
  {
    pattern: /^\[([^\]\n]+)\]\(([^)\s]+)\)/,
    make: (m) =>
      SAFE_SCHEME.test(m[2]!)
        ? { kind: 'link', href: m[2]!, children: parseMarkdown(m[1]!) }
        : { kind: 'text', text: m[0] },
  },
  {
    pattern: /^(?:https?:\/\/)[^\s<>"]+[^\s<>".,;:!?)\]'"，。！？）]/i,
    make: (m) => ({ kind: 'link', href: m[0], children: [{ kind: 'text', text: m[0] }] }),
  },
  {
    pattern: /^@([A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,30}[A-Za-z0-9_])?)/,
    make: (m) => ({ kind: 'mention', username: m[1]! }),
  },
  { pattern: /^:([a-z0-9_]{2,32}):/, make: (m) => ({ kind: 'emoji', shortcode: m[1]! }) },
];

/** Characters where a mark may begin; everything else is copied through as text quickly. */
const SPECIAL = /[`\\*_[h@:]/i;

/** Parses message text into tokens; plain text comes back as one text token. */
export function parseMarkdown(input: string): Token[] {
  const out: Token[] = [];
  let text = '';
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    // A mark starts only at the beginning or after a non-word character ("a*b*c" stays text,
    // "snake_case_name" stays text, "x@y.com" is no mention).
    // "你好@bob" mentions bob: before '@' only what could be part of an e-mail address counts.
    const before = i === 0 ? '' : input[i - 1]!;
    const boundary =
      i === 0 ||
      ch === '`' ||
      ch === '\\' ||
      (ch === '@' ? !/[A-Za-z0-9_.+-]/.test(before) : !/[\p{L}\p{N}_]/u.test(before));
    if (SPECIAL.test(ch) && boundary) {
      const rest = input.slice(i);
      const rule = rules.find((r) => r.pattern.test(rest));
      if (rule) {
        const match = rule.pattern.exec(rest)!;
        const token = rule.make(match);
        if (token.kind === 'text') text += token.text;
        else {
          if (text) out.push({ kind: 'text', text });
          text = '';
          out.push(token);
        }
        i += match[0].length;
        continue;
      }
    }
    text += ch;
    i += 1;
  }
  if (text) out.push({ kind: 'text', text });
  return out;
}

/** The text a reader sees, marks removed: for previews, notifications and search snippets. */
export function plainText(tokens: Token[]): string {
  return tokens
    .map((t) => {
      switch (t.kind) {
        case 'text':
        case 'code':
        case 'codeBlock':
          return t.text;
        case 'mention':
          return `@${t.username}`;
        case 'emoji':
          return `:${t.shortcode}:`;
        default:
          return plainText(t.children);
      }
    })
    .join('');
}
