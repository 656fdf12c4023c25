import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/ids.ts';
import { type Store, openStore } from '../../src/store/connect.ts';
import { gramToken } from '../../src/store/grams.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { searchMessageRows } from '../../src/store/search.ts';

const t0 = Date.parse('2026-12-07T00:00:00.000Z');
const at = (s: number) => new Date(t0 + s * 1000).toISOString();

/**
 * SQLite's search index is fed after the sends commit (store/search-indexer.ts), from a mark
 * kept in the database. What a user would notice if that went wrong: a message missing from
 * search, found twice, or found by words it no longer has — after the server restarts too.
 */
describe('the SQLite search indexer', () => {
  let dir: string;
  const open: Store[] = [];

  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(file: string): Promise<Store> {
    const store = openStore(`sqlite:${file}`);
    open.push(store);
    await migrateToLatest(store.db);
    return store;
  }

  async function world(store: Store) {
    const user = newId();
    const chat = newId();
    await store.db
      .insertInto('users')
      .values({
        id: user,
        username: `u${user.slice(-8)}`,
        display_name: 'U',
        password_hash: 'x',
        bio: '',
        avatar: null,
        role: 'member',
        created_at: at(0),
        updated_at: at(0),
        last_seen_at: null,
        read_receipts: 1,
        push_preview: 1,
        presence_visible_to: 'everyone',
      })
      .execute();
    await store.db
      .insertInto('conversations')
      .values({
        id: chat,
        kind: 'group',
        name: 'g',
        description: '',
        avatar: null,
        join_policy: 'open',
        invite_mode: 'accept',
        show_presence: 1,
        direct_key: null,
        owner_id: null,
        member_count: 1,
        last_seq: 0,
        created_at: at(0),
        updated_at: at(0),
        dissolved_at: null,
      })
      .execute();
    await store.db
      .insertInto('members')
      .values({
        conversation_id: chat,
        user_id: user,
        role: 'member',
        joined_at: at(0),
        muted_until: null,
        last_read_seq: 0,
        pinned_at: null,
        notifications_muted: 0,
      })
      .execute();
    return { user, chat };
  }

  async function post(store: Store, chat: string, user: string, seq: number, body: string): Promise<string> {
    const id = newId();
    await store.db
      .insertInto('messages')
      .values({
        id,
        conversation_id: chat,
        seq,
        sender_id: user,
        kind: 'text',
        body,
        data: null,
        client_msg_id: null,
        created_at: at(seq),
        reply_to_id: null,
        edited_at: null,
        recalled_at: null,
        recalled_by: null,
      })
      .execute();
    return id;
  }

  async function find(store: Store, user: string, text: string): Promise<string[]> {
    await store.search.catchUp();
    const rows = await searchMessageRows(store.db, 'sqlite', { userId: user }, text, undefined, 50);
    return rows.map((r) => r.body);
  }

  /** Index entries holding the gram `text`: one per message, never two. */
  async function entries(store: Store, text: string): Promise<number> {
    const { rows } = await sql<{ n: number }>`select count(*) as n from messages_grams
      where messages_grams match ${gramToken(text)}`.execute(store.db);
    return rows[0]!.n;
  }

  it('carries on from its mark after a restart: edits, recalls and new messages, each indexed once', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'parley-indexer-'));
    const file = path.join(dir, 'parley.db');
    const first = await start(file);
    const { user, chat } = await world(first);
    const edited = await post(first, chat, user, 1, '雨 in the morning');
    const recalled = await post(first, chat, user, 2, '雨 at noon');
    await post(first, chat, user, 3, '雨 at night');
    expect(await find(first, user, '雨')).toEqual(['雨 at night', '雨 at noon', '雨 in the morning']);
    await first.close();
    open.length = 0;

    // A new process: nothing indexed again, changes since picked up, new messages added.
    const second = await start(file);
    await second.db
      .updateTable('messages')
      .set({ body: '晴 in the morning' })
      .where('id', '=', edited)
      .execute();
    await second.db
      .updateTable('messages')
      .set({ body: '', recalled_at: at(10), recalled_by: user })
      .where('id', '=', recalled)
      .execute();
    await post(second, chat, user, 4, '雨 again');
    expect(await find(second, user, '雨')).toEqual(['雨 again', '雨 at night']);
    expect(await find(second, user, '晴')).toEqual(['晴 in the morning']);
    expect(await find(second, user, 'in the morning')).toEqual(['晴 in the morning']);
    expect(await entries(second, '雨')).toBe(2);
    expect(await entries(second, 'n')).toBe(3);
  });

  it('indexes a message whose rowid SQLite handed out again after the newest was deleted', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'parley-indexer-'));
    const store = await start(path.join(dir, 'parley.db'));
    const { user, chat } = await world(store);
    await post(store, chat, user, 1, 'first 星');
    const gone = await post(store, chat, user, 2, 'second 星');
    expect(await find(store, user, '星')).toEqual(['second 星', 'first 星']);
    await store.db.deleteFrom('messages').where('id', '=', gone).execute();
    await post(store, chat, user, 2, 'again 星');
    expect(await find(store, user, '星')).toEqual(['again 星', 'first 星']);
    expect(await entries(store, '星')).toBe(2);
  });
});
