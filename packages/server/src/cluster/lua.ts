import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A Lua script run by its SHA-1 (EVALSHA), sent whole (EVAL) only when Redis does not know it:
 * after a restart Redis has forgotten every script, and the next call teaches it again.
 * Scripts are how several nodes change shared counts atomically (presence, locks).
 */
export function luaScript<T = unknown>(
  lua: string,
): (client: Redis, keys: string[], args: (string | number)[]) => Promise<T> {
  const sha = createHash('sha1').update(lua).digest('hex');
  return async (client, keys, args) => {
    try {
      return (await client.evalsha(sha, keys.length, ...keys, ...args)) as T;
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return (await client.eval(lua, keys.length, ...keys, ...args)) as T;
    }
  };
}
