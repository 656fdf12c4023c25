import { type Kysely, sql } from 'kysely';

/**
 * Step 2: friends, blocks, conversations (direct, group, lobby) with members, group
 * invitations and join requests, and the messages table that system notices go through
 * (step 3 fills in the rest of messaging on the same table).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('conversations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('avatar', 'text')
    .addColumn('join_policy', 'text', (c) => c.notNull().defaultTo('invite'))
    .addColumn('invite_mode', 'text', (c) => c.notNull().defaultTo('accept'))
    .addColumn('show_presence', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('direct_key', 'text', (c) => c.unique())
    .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('member_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('dissolved_at', 'text')
    .execute();
  await db.schema
    .createIndex('conversations_kind_name')
    .on('conversations')
    .columns(['kind', 'name'])
    .execute();

  await db.schema
    .createTable('members')
    .addColumn('conversation_id', 'text', (c) =>
      c.notNull().references('conversations.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('member'))
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addColumn('muted_until', 'text')
    .addPrimaryKeyConstraint('members_pk', ['conversation_id', 'user_id'])
    .execute();
  await db.schema.createIndex('members_user_id').on('members').column('user_id').execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) =>
      c.notNull().references('conversations.id').onDelete('cascade'),
    )
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('sender_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('data', 'text')
    .addColumn('client_msg_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('messages_conversation_seq')
    .on('messages')
    .columns(['conversation_id', 'seq'])
    .unique()
    .execute();
  await db.schema
    .createIndex('messages_sender_client_id')
    .on('messages')
    .columns(['sender_id', 'client_msg_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('friendships')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('friend_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('remark', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('friendships_pk', ['user_id', 'friend_id'])
    .execute();
  await db.schema.createIndex('friendships_friend_id').on('friendships').column('friend_id').execute();

  await db.schema
    .createTable('friend_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('from_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('to_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema
    .createIndex('friend_requests_one_pending')
    .on('friend_requests')
    .columns(['from_id', 'to_id'])
    .unique()
    .where(sql<boolean>`status in ('pending', 'ignored')`)
    .execute();
  await db.schema
    .createIndex('friend_requests_to')
    .on('friend_requests')
    .columns(['to_id', 'status'])
    .execute();

  await db.schema
    .createTable('blocks')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('blocked_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('blocks_pk', ['user_id', 'blocked_id'])
    .execute();
  await db.schema.createIndex('blocks_blocked_id').on('blocks').column('blocked_id').execute();

  await db.schema
    .createTable('group_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) =>
      c.notNull().references('conversations.id').onDelete('cascade'),
    )
    .addColumn('inviter_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('invitee_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema
    .createIndex('group_invitations_one_pending')
    .on('group_invitations')
    .columns(['conversation_id', 'invitee_id'])
    .unique()
    .where(sql<boolean>`status = 'pending'`)
    .execute();
  await db.schema
    .createIndex('group_invitations_invitee')
    .on('group_invitations')
    .columns(['invitee_id', 'status'])
    .execute();

  await db.schema
    .createTable('join_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) =>
      c.notNull().references('conversations.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema
    .createIndex('join_requests_one_pending')
    .on('join_requests')
    .columns(['conversation_id', 'user_id'])
    .unique()
    .where(sql<boolean>`status = 'pending'`)
    .execute();
  await db.schema
    .createIndex('join_requests_conversation')
    .on('join_requests')
    .columns(['conversation_id', 'status'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'join_requests',
    'group_invitations',
    'blocks',
    'friend_requests',
    'friendships',
    'messages',
    'members',
    'conversations',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
