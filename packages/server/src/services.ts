import type { Logger } from 'pino';
import { LoginThrottle } from './auth/login-throttle.ts';
import type { Bus, Envelope } from './bus/bus.ts';
import type { Config } from './config/settings.ts';
import type { Presence } from './fanout/presence.ts';
import type { Store } from './store/connect.ts';
import type { Database } from './store/tables.ts';
import type { Kysely } from 'kysely';

/** Everything an action may use. Built once at start; tests build their own. */
export interface Services {
  config: Config;
  store: Store;
  bus: Bus;
  presence: Presence;
  loginThrottle: LoginThrottle;
  log: Logger;
}

export function createLoginThrottle(config: Config): LoginThrottle {
  return new LoginThrottle(config.loginMaxFailures);
}

/**
 * Runs `work` in one transaction and publishes the events it queued only after the commit:
 * an event never announces something a rollback undid (HOUSE.md, habit 2).
 */
export async function transact<T>(
  services: Services,
  work: (tx: Kysely<Database>, emit: (envelope: Envelope) => void) => Promise<T>,
): Promise<T> {
  const queued: Envelope[] = [];
  const result = await services.store.db.transaction().execute((tx) => work(tx, (e) => queued.push(e)));
  for (const envelope of queued) await services.bus.publish(envelope);
  return result;
}
