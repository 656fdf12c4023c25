import type { Message } from '@parley/protocol';

/**
 * The readable pages of an export. Everything a person wrote (names, messages, file names)
 * is untrusted: it is escaped before it touches the markup, and each page forbids every
 * script, frame and fetch with its own Content-Security-Policy, so a page opened from the
 * unzipped folder can show text and nothing else.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const policy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const style = `body{font:15px/1.45 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}
article{margin:.6rem 0;padding:.4rem .6rem;border-left:3px solid #ddd}
article.notice{color:#666;font-style:italic;border-color:transparent}
.meta{color:#666;font-size:.85em}.text{white-space:pre-wrap;overflow-wrap:anywhere}
.recalled{color:#999}`;

export function pageStart(title: string): string {
  return (
    `<!doctype html>\n<html><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${policy}">` +
    `<meta name="referrer" content="no-referrer">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(title)}</title><style>${style}</style></head><body>\n`
  );
}

export const pageEnd = '</body></html>\n';

export interface Names {
  /** The name to show for a user id (display name and @username). */
  of(userId: string | null): string;
}

/** One message as an <article>: who, when, and the text, file or notice. */
export function messageHtml(
  message: Message,
  names: Names,
  /** The relative URL (already percent-encoded) of the attached file in the export, when it is the exporter's. */
  fileLink: string | undefined,
): string {
  const when = `<time datetime="${escapeHtml(message.createdAt)}">${escapeHtml(message.createdAt.replace('T', ' ').slice(0, 19))} UTC</time>`;
  if (message.notice) {
    const { type, actorId, userIds } = message.notice;
    const who = userIds.map((id) => names.of(id)).join(', ');
    const text = `${actorId ? names.of(actorId) + ': ' : ''}${type}${who ? ' — ' + who : ''}`;
    return `<article class="notice"><span class="meta">${when}</span> ${escapeHtml(text)}</article>\n`;
  }
  const parts = [`<div class="meta"><b>${escapeHtml(names.of(message.senderId))}</b> ${when}`];
  if (message.editedAt) parts.push(' (edited)');
  if (message.forwardedFrom) parts.push(' (forwarded)');
  parts.push('</div>');
  if (message.recalledAt) {
    parts.push('<div class="recalled">(recalled)</div>');
  } else {
    if (message.replyTo) {
      const quoted = message.replyTo.recalled ? '(recalled)' : message.replyTo.text;
      parts.push(
        `<blockquote class="meta">${escapeHtml(names.of(message.replyTo.senderId))}: ${escapeHtml(quoted)}</blockquote>`,
      );
    }
    if (message.attachment) {
      const label = `[${message.attachment.kind}] ${message.attachment.name}`;
      parts.push(
        fileLink
          ? `<div><a href="${escapeHtml(fileLink)}">${escapeHtml(label)}</a></div>`
          : `<div>${escapeHtml(label)}</div>`,
      );
    }
    if (message.sticker) parts.push('<div>[sticker]</div>');
    if (message.text) parts.push(`<div class="text">${escapeHtml(message.text)}</div>`);
  }
  return `<article>${parts.join('')}</article>\n`;
}
