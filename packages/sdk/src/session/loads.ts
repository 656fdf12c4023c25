import type { ServerEvent } from '@parley/protocol';
import { noEffects, reduceEvent } from './reduce/index.ts';
import type { SessionState } from './session-state.ts';

/**
 * One part of the state the server answers with one request: `fetch` asks, and resolves with
 * how to put the answer into a state; `keep` copies the part's fields from one state into
 * another.
 */
export interface Part {
  key: string;
  fetch(): Promise<(state: SessionState) => SessionState>;
  keep(from: SessionState, into: SessionState): SessionState;
}

interface Flight {
  promise: Promise<void>;
  /** Events applied while the request was on the way: applied again over its answer. */
  log: ServerEvent[];
  /** A change that cannot be replayed was made meanwhile: load once more after this one. */
  again: boolean;
  followUp: Promise<void> | null;
}

/**
 * Loading while events arrive, solved once for every part (the replay the web client's models
 * each did their own way). The server answers with the part as it was when the request
 * arrived, while events keep coming: so every event applied while a load is in flight is
 * applied again over the answer (reducers are idempotent against a state that already has
 * the change: a message counts only past lastSeq, an upsert replaces), and a change that is
 * not idempotent (a member count) marks the load to run once more. A load asked for while one
 * runs is answered by one more load after it (what made the caller ask may be newer than the
 * running request); calls meanwhile share that one.
 */
export class Loads {
  private readonly flights = new Map<string, Flight>();
  private disposed = false;

  constructor(private readonly state: { get(): SessionState; set(state: SessionState): void }) {}

  load(part: Part): Promise<void> {
    const running = this.flights.get(part.key);
    if (running) {
      running.followUp ??= running.promise.catch(() => {}).then(() => this.load(part));
      return running.followUp;
    }
    const flight: Flight = { promise: Promise.resolve(), log: [], again: false, followUp: null };
    this.flights.set(part.key, flight);
    flight.promise = this.run(part, flight).finally(() => {
      this.flights.delete(part.key);
      if (flight.again && !flight.followUp && !this.disposed) this.load(part).catch(() => {});
    });
    return flight.promise;
  }

  /** Notes an applied event for every load in flight. */
  record(event: ServerEvent): void {
    for (const flight of this.flights.values()) flight.log.push(event);
  }

  /** The part `key` changed in a way its load in flight cannot replay. */
  uncertain(key: string): void {
    const flight = this.flights.get(key);
    if (flight) flight.again = true;
  }

  get busy(): boolean {
    return this.flights.size > 0;
  }

  /** Resolves once no load runs (failed ones included). */
  async idle(): Promise<void> {
    while (this.flights.size > 0) await Promise.allSettled([...this.flights.values()].map((f) => f.promise));
  }

  dispose(): void {
    this.disposed = true;
  }

  /** Rejects when the server could not be asked or refused: what is held stays, and the next hello loads again. */
  private async run(part: Part, flight: Flight): Promise<void> {
    const put = await part.fetch();
    if (this.disposed) return;
    let replayed = put(this.state.get());
    for (const event of flight.log) replayed = reduceEvent(replayed, event, noEffects);
    this.state.set(part.keep(replayed, this.state.get()));
  }
}
