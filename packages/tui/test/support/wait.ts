import { sleep } from './terminal.ts';

/** Resolves with `read()`'s value once `ok` holds for it, checking every 50 ms. */
export async function eventually<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await sleep(50);
  }
}

/** A message row in the chat pane: its time, then who said it and what (not the notice line). */
export function said(who: string, text: string): RegExp {
  return new RegExp(`\\d\\d:\\d\\d ${who}: ${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
}
