import type { Connection, ConnectionEvents } from '../../src/index.ts';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The next `name` event on `connection` that `matches`. Call it before the action that causes
 * the event, and await it after.
 */
export function nextEvent<K extends keyof ConnectionEvents>(
  connection: Connection,
  name: K,
  matches: (data: ConnectionEvents[K]) => boolean = () => true,
  timeoutMs = 3000,
): Promise<ConnectionEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching ${String(name)} event within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = connection.on(name, (data) => {
      if (!matches(data)) return;
      clearTimeout(timer);
      off();
      resolve(data);
    });
  });
}

/** Resolves once `condition()` holds, checking every few milliseconds. */
export async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(5);
  }
}
