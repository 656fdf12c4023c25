/**
 * Parley's light markdown: the few marks people type in chats, parsed into tokens that a
 * client renders as text nodes — never into HTML, so a message cannot inject markup.
 *
 *   **bold**   *italic* or _italic_   `code`   ```code block```   [text](https://…)
 *   bare https://… and http://… links   @username mentions   :shortcode: custom emoji
 *   \* escapes a mark
 *
 * Only http(s) and mailto links are links; anything else (javascript:, data:) stays text.
 * Marks do not nest except inside bold/italic text and link text; code is always verbatim. The
 * server stores the text as typed; clients share this one parser, so every client shows the same.
 *
 * A link must not lie about where it goes (issue 16): bidi controls (U+202E and its kin) are
 * dropped from its address and its text, so `[https://a.example/‮moc.knab](…)` cannot show
 * its characters in another order; no link is made inside a link's text, so
 * `[https://a.example](https://b.example)` is one link; and when a link's text names a host
 * other than the one it opens, the real host follows the text inside the link:
 * `https://a.example (b.example)`.
 */
import { withoutBidiControls } from './invisible.ts';

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
  /** A link rule: not applied inside a link's text, where it would nest one link in another. */
  makesLink?: boolean;
  make(match: RegExpExecArray, inLink: boolean): Token;
}

const rules: Rule[] = [
  { pattern: /^```\n?([\s\S]*?)```/, make: (m) => ({ kind: 'codeBlock', text: m[1]! }) },
  { pattern: /^`([^`\n]+)`/, make: (m) => ({ kind: 'code', text: m[1]! }) },
  { pattern: /^\\([\\`*_[\]@:])/, make: (m) => ({ kind: 'text', text: m[1]! }) },
  {
    pattern: /^\*\*(?=\S)([\s\S]*?\S)\*\*/,
    make: (m, inLink) => ({ kind: 'bold', children: parse(m[1]!, inLink) }),
  },
  {
    pattern: /^\*(?=\S)([^*\n]*?\S)\*/,
    make: (m, inLink) => ({ kind: 'italic', children: parse(m[1]!, inLink) }),
  },
  {
    pattern: /^_(?=\S)([^_\n]*?\S)_(?![\p{L}\p{N}])/u,
    make: (m, inLink) => ({ kind: 'italic', children: parse(m[1]!, inLink) }),
  },
  {
    pattern: /^\[([^\]\n]+)\]\(([^)\s]+)\)/,
    makesLink: true,
    make: (m) => {
      const href = withoutBidiControls(m[2]!);
      return SAFE_SCHEME.test(href)
        ? link(href, parse(withoutBidiControls(m[1]!), true))
        : { kind: 'text', text: m[0] };
    },
  },
  {
    pattern: /^(?:https?:\/\/)[^\s<>"]+[^\s<>".,;:!?)\]'"，。！？）]/i,
    makesLink: true,
    make: (m) => {
      const href = withoutBidiControls(m[0]);
      return link(href, [{ kind: 'text', text: href }]);
    },
  },
  {
    pattern: /^@([A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,30}[A-Za-z0-9_])?)/,
    make: (m) => ({ kind: 'mention', username: m[1]! }),
  },
  { pattern: /^:([a-z0-9_]{2,32}):/, make: (m) => ({ kind: 'emoji', shortcode: m[1]! }) },
];

/**
 * A link token; when its text names a web host other than `href`'s, the real host is added to
 * the text in parentheses, so a reader sees where the link really goes.
 */
function link(href: string, children: Token[]): Token {
  const realHost = hostOf(href);
  const named = hostsNamedBy(plainText(children).trim());
  if (realHost === null || named.every((host) => sameSite(host, realHost))) {
    return { kind: 'link', href, children };
  }
  return { kind: 'link', href, children: [...children, { kind: 'text', text: ` (${realHost})` }] };
}

/**
 * Text that reads as a web address (`https://x.example/…`, `www.x.example`, `x.example`); the
 * group is the host a reader takes it for — what comes before any `/ ? # @ :`, so in
 * `https://bank.example@evil.example/` that is `bank.example`, while the browser goes to
 * `evil.example`.
 */
const ADDRESS = /^(?:https?:\/\/)?([^\s/?#@:]+\.\p{L}{2,})\.?(?:[/?#@:]\S*)?$/iu;
/** An address inside longer text ("see https://x.example"), read the same way. */
const ADDRESS_WITHIN = /https?:\/\/([^\s/?#@:]+)/giu;

/** The hosts a link's text names: the whole text read as an address, and addresses within it. */
function hostsNamedBy(text: string): string[] {
  const whole = ADDRESS.exec(text);
  const parts = [...(whole ? [whole[1]!] : []), ...[...text.matchAll(ADDRESS_WITHIN)].map((m) => m[1]!)];
  return parts.map((part) => hostOf(`https://${part}`)).filter((host) => host !== null);
}

/** The host of an http(s) address (punycode, lower case, no trailing dot); null otherwise. */
function hostOf(address: string): string | null {
  if (!/^https?:\/\//i.test(address)) return null;
  try {
    return new URL(address).hostname.replace(/\.$/, '') || null;
  } catch {
    return null;
  }
}

/** Hosts that differ only by a leading `www.` are the same site. */
function sameSite(a: string, b: string): boolean {
  return a.replace(/^www\./, '') === b.replace(/^www\./, '');
}

/** Characters where a mark may begin; everything else is copied through as text quickly. */
const SPECIAL = /[`\\*_[h@:]/i;

/** Parses message text into tokens; plain text comes back as one text token. */
export function parseMarkdown(input: string): Token[] {
  return parse(input, false);
}

/** `inLink`: parsing a link's text, where links stay text. */
function parse(input: string, inLink: boolean): Token[] {
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
      const rule = rules.find((r) => !(inLink && r.makesLink) && r.pattern.test(rest));
      if (rule) {
        const match = rule.pattern.exec(rest)!;
        const token = rule.make(match, inLink);
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
