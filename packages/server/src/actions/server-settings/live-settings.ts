import type { ServerSettings } from '@parley/protocol';
import type { Kysely } from 'kysely';
import { announceSettingChange, listenForSettingChanges } from '../../cluster/settings-notices.ts';
import type { Config } from '../../config/settings.ts';
import type { Services } from '../../services.ts';
import { settingNames, storedSettings } from '../../store/server-settings.ts';
import type { Database } from '../../store/tables.ts';

/**
 * Run-time settings (the admin console, issue 16). Each starts from its environment variable
 * (config/settings.ts); a value an admin sets is stored in `server_settings` and wins from then
 * on, on every node. Values are written into the node's one Config object, the very object
 * every action, the tus server and GET /server read at each use, so a change is seen by the
 * next request without a restart. Nothing ever deletes a stored value, so re-reading the table
 * and laying it over the config is always right.
 */

/** The run-time settings as this node applies them now. */
export function currentSettings(config: Config): ServerSettings {
  return Object.fromEntries(settingNames.map((name) => [name, config[name]])) as ServerSettings;
}

/** Makes `values` the ones every action reads from now on. */
export function applySettings(config: Config, values: Partial<ServerSettings>): void {
  Object.assign(config, values);
}

/** Lays the stored values over the environment's: at start (after migrating) and when told to. */
export async function loadStoredSettings(db: Kysely<Database>, config: Config): Promise<void> {
  applySettings(config, await storedSettings(db));
}

/** Each node's re-reads, chained (see rereadSettings). */
const rereads = new WeakMap<Config, Promise<void>>();

/**
 * Reads the stored settings again and applies them, after every re-read asked for before it.
 * In order matters: two changes committed at once, each re-reading after its commit, could
 * otherwise land the older read last and leave this node on the older value. Chained, the
 * last read starts after every commit that asked for it, and it is the one that stays.
 * A failed read is logged and leaves the settings as they were.
 */
export function rereadSettings(services: Pick<Services, 'store' | 'config' | 'log'>): Promise<void> {
  const { config } = services;
  const next = (rereads.get(config) ?? Promise.resolve()).then(() =>
    loadStoredSettings(services.store.db, config).catch((err: unknown) =>
      services.log.warn({ err }, 'could not read the server settings again; keeping the current ones'),
    ),
  );
  rereads.set(config, next);
  return next;
}

/** Re-read the settings at least this often, in case a notice was lost (Redis away when it was sent). */
const rereadEveryMs = 60_000;

/**
 * Keeps this node's settings in step with the others' (a cluster; one node has nothing to do):
 * re-reads them when another node announces a change, when Redis is back after an outage, and
 * once a minute besides. Returns the stop, which waits for a re-read under way (before the
 * store closes).
 */
export function syncSettingsAcrossNodes(services: Services): () => Promise<void> {
  const { redis } = services;
  if (!redis) return async () => {};
  let stopped = false;
  let last = Promise.resolve();
  const reread = () => {
    if (!stopped) last = rereadSettings(services);
  };
  const unsubscribe = listenForSettingChanges(redis, services.nodeId, reread);
  const timer = setInterval(reread, rereadEveryMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    unsubscribe();
    await last;
  };
}

/** After a change has committed: the other nodes read the settings again (within a second). */
export async function announceSettings(services: Services): Promise<void> {
  if (!services.redis) return;
  if (!(await announceSettingChange(services.redis, services.nodeId))) {
    services.log.warn('could not tell the other nodes about a settings change; they re-read within a minute');
  }
}
