/**
 * The clock the demo's history is written under. Every timestamp Parley stores comes from
 * `new Date()` or `Date.now()` (ids.ts, and UUIDv7 ids too), so the seed moves the global
 * clock back to each scripted moment and lets the real actions stamp their rows: messages,
 * conversation order, read cursors and the search index come out exactly as if the week had
 * happened. The clock keeps running from where it was set (fake timers that freeze time would
 * stall anything that waits for it to move), and it only ever moves forward, so ids made later
 * still sort later. `restore` puts the real Date back before the server starts for real.
 */
export interface DemoClock {
  /** From now on, Date says it is `at` (and runs on from there); a moment already past leaves it running. */
  set(at: Date): void;
  restore(): void;
}

export function installDemoClock(): DemoClock {
  const RealDate = Date;
  let offset: number | undefined;
  const shifted = () => RealDate.now() + (offset ?? 0);
  // A Proxy rather than a subclass: `Date()` called without `new` keeps working, and every
  // date, made before or after, shares the one prototype, so instanceof still holds.
  globalThis.Date = new Proxy(RealDate, {
    construct: (target, args, newTarget) =>
      Reflect.construct(target, args.length === 0 ? [shifted()] : args, newTarget),
    apply: () => new RealDate(shifted()).toString(),
    get: (target, key, receiver) => (key === 'now' ? shifted : Reflect.get(target, key, receiver)),
  });
  return {
    set(at) {
      const next = at.getTime() - RealDate.now();
      if (offset === undefined || next > offset) offset = next;
    },
    restore() {
      globalThis.Date = RealDate;
    },
  };
}
