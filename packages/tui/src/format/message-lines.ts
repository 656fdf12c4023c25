import type { Message } from '@parley/protocol';
import type { ConversationView, OutboxItem } from '@parley/sdk';
import { fit, wrap } from '../text/width.ts';
import { messageBody, timeOf } from './message-text.ts';

/** How a row of the chat pane is drawn. */
export type Tone = 'text' | 'dim' | 'pending' | 'failed' | 'mention';

/** One screen row of the chat pane, already cut to the pane's width. */
export interface PaneLine {
  key: string;
  text: string;
  tone: Tone;
  /** The message it belongs to (what ↑/↓ select, Ctrl+R answers, Ctrl+E reacts to). */
  messageId?: string;
}

type NameOf = (userId: string | null) => string;

/**
 * The conversation as rows of at most `width` cells, oldest first: per message an optional
 * quote of what it answers, its time, sender and text wrapped (continuation rows indented),
 * and its reactions; then my sends not yet stored, marked pending or failed.
 */
export function messageLines(view: ConversationView, meId: string, width: number, name: NameOf): PaneLine[] {
  // What lies above the oldest message held: more history (loaded on scrolling up), or none.
  const top = view.start > 0 ? '↑ PgUp loads older messages' : '— start of the conversation —';
  const lines: PaneLine[] = [{ key: `top:${view.start}`, text: fit(top, width), tone: 'dim' }];
  const byId = new Map(view.messages.map((m) => [m.id, m]));
  for (const m of view.messages) lines.push(...linesOfMessage(m, meId, width, name));
  const stored = new Set(view.messages.map((m) => m.clientMsgId).filter(Boolean));
  for (const item of view.pending) {
    if (!stored.has(item.clientMsgId)) lines.push(...linesOfPending(item, byId, width, name));
  }
  return lines;
}

function linesOfMessage(m: Message, meId: string, width: number, name: NameOf): PaneLine[] {
  const key = m.id;
  if (m.kind === 'system') {
    return wrap(`— ${messageBody(m, name)} —`, width).map((text, i) => ({
      key: `${key}:${i}`,
      text: fit(text, width),
      tone: 'dim',
      messageId: m.id,
    }));
  }
  const tone: Tone = m.recalledAt ? 'dim' : m.mentions.includes(meId) ? 'mention' : 'text';
  const lines: PaneLine[] = [];
  if (m.replyTo) {
    const quoted = m.replyTo.recalled ? '(recalled)' : m.replyTo.text;
    lines.push({
      key: `${key}:re`,
      text: fit(`  ↪ ${name(m.replyTo.senderId)}: ${quoted}`, width),
      tone: 'dim',
      messageId: m.id,
    });
  }
  const edited = m.editedAt && !m.recalledAt ? ' (edited)' : '';
  lines.push(
    ...body(
      key,
      `${timeOf(m.createdAt)} ${name(m.senderId)}: ${messageBody(m, name)}${edited}`,
      width,
      tone,
      m.id,
    ),
  );
  if (m.reactions.length > 0) {
    const summary = m.reactions
      .map((r) => `${r.emoji} ${r.count}${r.userIds.includes(meId) ? '*' : ''}`)
      .join('  ');
    lines.push(...body(`${key}:reactions`, `      ${summary}`, width, 'dim', m.id));
  }
  return lines;
}

function linesOfPending(
  item: OutboxItem,
  byId: Map<string, Message>,
  width: number,
  name: NameOf,
): PaneLine[] {
  const lines: PaneLine[] = [];
  const quoted = item.replyToId ? byId.get(item.replyToId) : undefined;
  if (quoted) {
    lines.push({
      key: `${item.clientMsgId}:re`,
      text: fit(`  ↪ ${name(quoted.senderId)}: ${messageBody(quoted, name)}`, width),
      tone: 'dim',
    });
  }
  const state =
    item.status === 'failed'
      ? ` (failed: ${item.error?.message ?? 'not sent'} · /retry or /discard)`
      : item.status === 'sent'
        ? ''
        : ' (pending)';
  const tone: Tone = item.status === 'failed' ? 'failed' : item.status === 'sent' ? 'text' : 'pending';
  lines.push(...body(item.clientMsgId, `${timeOf(item.createdAt)} You: ${item.text}${state}`, width, tone));
  return lines;
}

/** Wrapped rows; rows after the first are indented so a message's start stands out. */
function body(key: string, text: string, width: number, tone: Tone, messageId?: string): PaneLine[] {
  const indent = '      ';
  return wrap(text, width, width - indent.length).map((row, i) => ({
    key: `${key}:${i}`,
    text: fit(i === 0 ? row : indent + row, width),
    tone,
    ...(messageId !== undefined && { messageId }),
  }));
}
