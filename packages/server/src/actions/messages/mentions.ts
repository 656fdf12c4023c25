import { type Token, parseMarkdown } from '@parley/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/tables.ts';

/** Usernames the text @mentions, read with the same parser clients render with (not in code). */
function mentionedNames(tokens: Token[], into = new Set<string>()): Set<string> {
  for (const token of tokens) {
    if (token.kind === 'mention') into.add(token.username.toLowerCase());
    else if ('children' in token) mentionedNames(token.children, into);
  }
  return into;
}

/** The members of the conversation that `@username`s in the text name (not the sender). */
export async function mentionedMembers(
  db: Kysely<Database>,
  conversationId: string,
  senderId: string,
  text: string,
): Promise<string[]> {
  // Most messages name nobody: no `@`, no mention, and no parse.
  if (!text.includes('@')) return [];
  const names = [...mentionedNames(parseMarkdown(text))].slice(0, 50);
  if (names.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .innerJoin('members', 'members.user_id', 'users.id')
    .select('users.id')
    .where('members.conversation_id', '=', conversationId)
    .where('users.username', 'in', names)
    .where('users.id', '!=', senderId)
    .execute();
  return rows.map((r) => r.id);
}
