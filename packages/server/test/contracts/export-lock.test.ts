import { afterAll, describe, expect, it } from 'vitest';
import { ExportLocks } from '../../src/actions/export/export-lock.ts';
import { TestRedis, eventually } from './support/redis.ts';

// "Export my data" runs once per user at a time across the cluster (export-lock.ts): each node
// here is an ExportLocks on its own link to one real Redis.
describe('one export per user across nodes (Redis lease)', () => {
  const redis = new TestRedis();
  afterAll(() => redis.close());

  it('refuses a second export of the same user on another node until the first is released', async () => {
    const a = new ExportLocks(await redis.link());
    const b = new ExportLocks(await redis.link());
    const release = await a.acquire('alice');
    expect(release).not.toBeNull();
    expect(await b.acquire('alice')).toBeNull();
    expect(await a.acquire('alice')).toBeNull();
    // Someone else's export is not held up.
    const bob = await b.acquire('bob');
    expect(bob).not.toBeNull();
    release!();
    await eventually(async () => (await redis.keys()).every((k) => !k.endsWith('export:alice')));
    const again = await b.acquire('alice');
    expect(again).not.toBeNull();
    again!();
    bob!();
  });

  it('keeps the lease while the export runs, past its first term', async () => {
    const a = new ExportLocks(await redis.link(), 300);
    const b = new ExportLocks(await redis.link(), 300);
    const release = await a.acquire('carol');
    await new Promise((r) => setTimeout(r, 900));
    expect(await b.acquire('carol')).toBeNull();
    release!();
  });

  it('frees the export of a node that died within one lease', async () => {
    const link = await redis.link();
    const doomed = new ExportLocks(link, 300);
    const other = new ExportLocks(await redis.link(), 300);
    expect(await doomed.acquire('dave')).not.toBeNull();
    expect(await other.acquire('dave')).toBeNull();
    // The node dies: its link drops, nothing renews the lease and nobody releases it.
    link.commands.disconnect();
    let taken: (() => void) | null = null;
    await eventually(async () => (taken = await other.acquire('dave')) !== null, 3000);
    (taken as unknown as () => void)();
  });
});
