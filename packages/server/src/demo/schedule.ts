import type { Day, Step } from './script.ts';

/** A step, or the end of a day (everyone reads what they have), at its moment. */
export type Timed = { at: Date; step: Step | { do: 'read-all' } };

/**
 * Puts the story on the calendar around `now`: `day: n` steps on the local date n days back
 * at their "HH:MM", `day: 0` steps that many minutes before `now`. After each earlier day,
 * everyone reads everything, five minutes after its last step, so the badges a newcomer sees
 * are only today's. Throws if the story's times do not rise, which would reorder it.
 */
export function schedule(days: Day[], now: Date): Timed[] {
  const timed: Timed[] = [];
  for (const { day, steps } of days) {
    for (const [when, step] of steps) {
      const at =
        typeof when === 'number' ? new Date(now.getTime() - when * 60_000) : localTime(now, day, when);
      const previous = timed.at(-1)?.at;
      if (previous && at <= previous) {
        throw new Error(
          `demo story: ${JSON.stringify(step)} at ${when} (day ${day}) is not after the step before`,
        );
      }
      timed.push({ at, step });
    }
    const last = timed.at(-1);
    if (day > 0 && last)
      timed.push({ at: new Date(last.at.getTime() + 5 * 60_000), step: { do: 'read-all' } });
  }
  return timed;
}

function localTime(now: Date, daysBack: number, hhmm: string): Date {
  const [hours, minutes] = hhmm.split(':').map(Number) as [number, number];
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() - daysBack, hours, minutes);
}
