import { type Kysely, sql } from 'kysely';

/**
 * Issue 16, the admin console:
 * - `users.disabled_at`: an admin disabled the account (no sign-in; its messages stay);
 *   `users.password_reset_at`: an admin reset the password, so the user must set a new one.
 * - `audit_log`: every admin action, written in the same transaction as the action.
 * - `reports`: messages users reported, the admins' queue.
 * - `server_settings`: run-time settings an admin changed, winning over the environment.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users add column disabled_at text`.execute(db);
  await sql`alter table users add column password_reset_at text`.execute(db);

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    // Kept when the admin's account is deleted later (the row is kept too; see deleted_users).
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text')
    .addColumn('target_label', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute();
  // Newest first, by id (UUIDv7 sorts by time); and by action for the console's filter.
  await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'id']).execute();

  await db.schema
    .createTable('reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('reporter_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('handled_by', 'text', (c) => c.references('users.id'))
    .addColumn('handled_at', 'text')
    .execute();
  // One report per reporter and message.
  await db.schema
    .createIndex('reports_message_reporter')
    .on('reports')
    .columns(['message_id', 'reporter_id'])
    .unique()
    .execute();
  await db.schema.createIndex('reports_status').on('reports').columns(['status', 'id']).execute();

  await db.schema
    .createTable('server_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('server_settings').execute();
  await db.schema.dropTable('reports').execute();
  await db.schema.dropTable('audit_log').execute();
  await sql`alter table users drop column password_reset_at`.execute(db);
  await sql`alter table users drop column disabled_at`.execute(db);
}
