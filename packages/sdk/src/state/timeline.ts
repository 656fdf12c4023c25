import { type Message, excerpt, replyExcerptMax } from '@parley/protocol';

/**
 * A seq the user deleted for themselves (PROTOCOL.md, Delete for me): kept in the run so seqs
 * stay consecutive and the cursor means what it says, never shown. History pages leave such
 * messages out, so a page read `after` (or `before`) a seq names them by the seqs it skips.
 */
interface Hole {
  readonly seq: number;
  readonly hidden: true;
}
type Entry = Message | Hole;
const isMessage = (entry: Entry | undefined): entry is Message => entry !== undefined && !('hidden' in entry);
const hole = (seq: number): Hole => ({ seq, hidden: true });

/** What taking in one message did to a Timeline. */
export type Placement = 'appended' | 'duplicate' | 'ahead' | 'too_old';

/** What a change's rev says of the changes the timeline holds (see `noteRev`). */
export type RevStep = 'old' | 'next' | 'gap';

/**
 * One conversation's messages as the client holds them (delivery contract point 5,
 * DESIGN.md): a run of consecutive seqs `base+1 … cursor` with no gap and no repeat, plus the
 * messages that arrived past a gap, parked until the gap is filled. The cursor is what the
 * client tells the server on `sync`: everything up to it is here, exactly once.
 *
 * Changes to messages already held (edits, recalls, reactions) have their own cursor, `rev`:
 * every change up to it is applied to what is held. Each copy of a message carries the rev
 * of its latest change, and a copy never replaces a newer one, whatever order they come in.
 */
export class Timeline {
  private held: Entry[] = [];
  private readonly ahead = new Map<number, Entry>();
  /** `messages` as last read, with the version it was read at. */
  private shown: { version: number; messages: readonly Message[] } | undefined;
  /** Bumped on every change, so views can be cached until the next one. */
  version = 0;
  private revCursor = 0;

  constructor(
    readonly conversationId: string,
    private base = 0,
  ) {}

  /** The highest seq held with nothing missing before it (down to the base). */
  get cursor(): number {
    return this.base + this.held.length;
  }

  /** Seq before the first message held: 0 when the whole history is held. */
  get start(): number {
    return this.base;
  }

  /** The messages held, oldest first, without those I hid. */
  get messages(): readonly Message[] {
    if (this.shown?.version !== this.version)
      this.shown = { version: this.version, messages: this.held.filter(isMessage) };
    return this.shown.messages;
  }

  /** The conversation's rev up to which every change to held messages is applied; sent on `sync`. */
  get rev(): number {
    return this.revCursor;
  }

  /** Nothing held, not even past a gap: any copy of the history read now is complete. */
  get isEmpty(): boolean {
    return this.held.length === 0 && this.ahead.size === 0;
  }

  /**
   * Moves the rev cursor up to `rev` (never back): a `changes` page read, or a history page
   * asked for while the timeline was empty, holds every change up to the lastRev it names.
   */
  advanceRev(rev: number): void {
    if (rev > this.revCursor) this.revCursor = rev;
  }

  /**
   * Takes note of a live change's rev: the next one moves the cursor; one past it means
   * changes were missed (or come out of order) and should be paged from `changes`.
   */
  noteRev(rev: number): RevStep {
    if (rev <= this.revCursor) return 'old';
    if (rev > this.revCursor + 1) return 'gap';
    this.revCursor = rev;
    return 'next';
  }

  /** True while messages wait past a gap: the holder should fill it. */
  get hasGap(): boolean {
    return this.ahead.size > 0;
  }

  /**
   * Starts the run after `seq` instead of at the beginning, for a client that keeps only the
   * newest part of a long history. Only while nothing is held.
   */
  startAfter(seq: number): void {
    if (this.held.length > 0 || seq <= this.base) return;
    this.base = seq;
    for (const parked of this.ahead.keys()) if (parked <= seq) this.ahead.delete(parked);
    this.drain();
    this.version += 1;
  }

  /**
   * Takes in a page of older history (any order, may overlap what is held): only the run of
   * consecutive seqs ending exactly at `start` (start, start - 1, …) is kept, so the held run
   * never gets a gap; the start moves down by as many. Returns how many were added.
   */
  prepend(messages: readonly Message[], page?: { complete: boolean }): number {
    const bySeq = new Map<number, Message>();
    for (const message of messages) {
      const copy = bySeq.get(message.seq);
      if (message.seq <= this.base && (!copy || message.rev > copy.rev)) bySeq.set(message.seq, message);
    }
    // A page read `before` start + 1 holds every message I see from its oldest up: a seq it
    // skips is one I hid; so is every seq below it when nothing older is left (`complete`).
    const lowest = page ? (page.complete ? 1 : Math.min(...bySeq.keys())) : Infinity;
    const run: Entry[] = [];
    for (let seq = this.base; seq > 0; seq -= 1) {
      const message = bySeq.get(seq);
      if (message) run.push(message);
      else if (seq >= lowest) run.push(hole(seq));
      else break;
    }
    if (run.length === 0) return 0;
    this.held = [...run.reverse(), ...this.held];
    this.base -= run.length;
    this.version += 1;
    return run.length;
  }

  /**
   * Starts an empty timeline from a saved copy (see ConversationStore.restore): `messages`
   * must be the run `start + 1 …` with no gap, and `rev` the rev they hold every change up
   * to; it may be below the rev noted so far, which was about messages no longer held.
   * False, changing nothing, when something is held or the run is not consecutive.
   */
  seed(start: number, messages: readonly Message[], rev: number): boolean {
    // (Snapshots hold what is shown: one with a hidden message in it has a gap and is refused.)
    if (!this.isEmpty || messages.some((message, i) => message.seq !== start + 1 + i)) return false;
    this.base = start;
    this.held = [...messages];
    this.revCursor = rev;
    this.version += 1;
    return true;
  }

  /**
   * Takes in a message from an event or a history page; a seq already held is dropped, unless
   * this copy is newer (a higher rev) than the one held, which it then replaces.
   */
  insert(message: Message): Placement {
    const { seq } = message;
    if (seq <= this.base) return 'too_old';
    if (seq <= this.cursor || this.ahead.has(seq)) {
      this.replace(message);
      return 'duplicate';
    }
    if (seq > this.cursor + 1) {
      this.ahead.set(seq, message);
      return 'ahead';
    }
    this.held.push(message);
    this.drain();
    this.version += 1;
    return 'appended';
  }

  /**
   * Takes in a history page read `after` seq `after` (oldest first): the seqs it skips past
   * `after` are messages I hid, held as such, so they leave no gap to fill.
   */
  insertPage(after: number, messages: readonly Message[]): Placement[] {
    return messages.map((message) => {
      for (let seq = Math.max(after, this.cursor) + 1; seq < message.seq; seq += 1)
        if (!this.ahead.has(seq)) this.ahead.set(seq, hole(seq));
      this.drain();
      return this.insert(message);
    });
  }

  /** I hid these messages (on this device or another): they leave the view. */
  hide(messageIds: ReadonlySet<string>): boolean {
    let changed = false;
    this.held = this.held.map((entry) => {
      if (!isMessage(entry) || !messageIds.has(entry.id)) return entry;
      changed = true;
      return hole(entry.seq);
    });
    for (const [seq, parked] of this.ahead)
      if (isMessage(parked) && messageIds.has(parked.id)) {
        this.ahead.set(seq, hole(seq));
        changed = true;
      }
    if (changed) this.version += 1;
    return changed;
  }

  /**
   * Replaces the held message with `message`'s seq and id (edited, recalled, reacted to) when
   * `message` is newer (a higher rev); false if not held or not newer. Never adds a message.
   */
  replace(message: Message): boolean {
    const index = message.seq - this.base - 1;
    const current = this.held[index];
    if (isMessage(current) && current.id === message.id) {
      if (message.rev <= current.rev) return false;
      this.held[index] = message;
      this.version += 1;
      return true;
    }
    const parked = this.ahead.get(message.seq);
    if (isMessage(parked) && parked.id === message.id) {
      if (message.rev <= parked.rev) return false;
      this.ahead.set(message.seq, message);
      return true;
    }
    return false;
  }

  /**
   * The quoted message was edited or recalled: every held reply to it shows it as it is now
   * (the server presents a reply's preview from the quoted message when it is read, so a
   * fresh page would). The replies keep their rev: they did not change, what they quote did.
   */
  reviseQuotes(quoted: Message): boolean {
    let changed = false;
    const revise = (m: Entry): Entry => {
      if (!isMessage(m) || m.replyTo?.id !== quoted.id) return m;
      const replyTo = previewOf(quoted, m.replyTo);
      if (replyTo.text === m.replyTo.text && replyTo.recalled === m.replyTo.recalled) return m;
      changed = true;
      return { ...m, replyTo };
    };
    this.held = this.held.map(revise);
    for (const [seq, parked] of this.ahead) this.ahead.set(seq, revise(parked));
    if (changed) this.version += 1;
    return changed;
  }

  /** The held message with this id, searched from the newest (where changes usually happen). */
  find(messageId: string): Message | undefined {
    for (let i = this.held.length - 1; i >= 0; i -= 1) {
      const entry = this.held[i];
      if (isMessage(entry) && entry.id === messageId) return entry;
    }
    for (const parked of this.ahead.values()) if (isMessage(parked) && parked.id === messageId) return parked;
    return undefined;
  }

  private drain(): void {
    for (let next = this.ahead.get(this.cursor + 1); next; next = this.ahead.get(this.cursor + 1)) {
      this.ahead.delete(next.seq);
      this.held.push(next);
    }
  }
}

/** A reply's preview of `quoted` as it is now (what the server presents). */
export function previewOf(
  quoted: Message,
  was: NonNullable<Message['replyTo']>,
): NonNullable<Message['replyTo']> {
  return { ...was, text: excerpt(quoted.text, replyExcerptMax), recalled: quoted.recalledAt !== null };
}
