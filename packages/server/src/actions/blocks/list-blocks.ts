import type { BlockList } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { presentBlock } from '../../presenters/friends.ts';
import type { Services } from '../../services.ts';
import { blocksOf } from '../../store/blocks.ts';

/** The people the caller has blocked, most recent first. */
export async function listBlocks(services: Services, actor: Actor): Promise<BlockList> {
  const rows = await blocksOf(services.store.db, actor.user.id);
  return { blocks: rows.map(({ user, since }) => presentBlock(user, since)) };
}
