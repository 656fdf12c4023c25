/**
 * The send benchmarks' traffic and its checks. Senders either keep a window of sends in flight
 * (saturated) or send on a fixed schedule (paced: a total rate spread over the senders in
 * turn). Listeners time every message.created from its send and check the delivery contract:
 * each listener hears every message of its conversation exactly once, seqs gap-free and in
 * order, each sender's messages in the order sent. A benchmark that finds a fault says so and
 * exits non-zero (see `verdict`).
 */
import { performance } from 'node:perf_hooks';
import type WebSocket from 'ws';
import { newClientMsgId } from '../../packages/sdk/src/client-msg-id.ts';

interface Sent {
  conversationId: string;
  sender: number;
  /** Place in its sender's sequence. */
  n: number;
  at: number;
}

/** Every message sent, by clientMsgId, and the time from each send to its ack (ms). */
export class Ledger {
  readonly sent = new Map<string, Sent>();
  readonly ackLatencies: number[] = [];
}

/** One socket sending `count` text messages to one conversation; replies matched by frame id. */
export class Sender {
  private next = 0;
  private acked = 0;
  private readonly sentAt: number[] = [];
  private settle!: { resolve(): void; reject(err: Error): void };
  /** Resolves once every send is acked; rejects on the first refusal or a closed socket. */
  readonly done = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));

  constructor(
    private readonly ws: WebSocket,
    private readonly conversationId: string,
    private readonly index: number,
    private readonly count: number,
    private readonly ledger: Ledger,
    /** Saturated: sends whenever fewer than this are unacknowledged. Paced: undefined. */
    private readonly window?: number,
  ) {
    if (count === 0) this.settle.resolve();
    ws.on(
      'close',
      () => this.acked < count && this.settle.reject(new Error(`sender ${index}: socket closed`)),
    );
    ws.on('message', (data) => {
      const text = data.toString();
      if (!text.startsWith('{"re":"m')) return; // events, other replies
      const frame = JSON.parse(text);
      if (frame.error)
        return this.settle.reject(new Error(`sender ${index}: ${JSON.stringify(frame.error)}`));
      ledger.ackLatencies.push(performance.now() - this.sentAt[Number(frame.re.slice(1))]!);
      if (++this.acked === count) this.settle.resolve();
      else this.pump();
    });
  }

  /** Sends the next message (a paced sender is told when; a saturated one calls this itself). */
  send(): void {
    const n = this.next++;
    const clientMsgId = newClientMsgId(); // as the SDK makes them
    const at = performance.now();
    this.sentAt[n] = at;
    this.ledger.sent.set(clientMsgId, { conversationId: this.conversationId, sender: this.index, n, at });
    this.ws.send(
      JSON.stringify({
        id: `m${n}`,
        type: 'message.send',
        conversationId: this.conversationId,
        clientMsgId,
        text: `message ${n} 你好`,
      }),
    );
  }

  /** Saturated mode: fills the window. */
  pump(): void {
    if (this.window === undefined) return;
    while (this.next < this.count && this.next - this.acked < this.window) this.send();
  }
}

/** Saturated: every sender keeps its window full until all its sends are acked. */
export async function sendSaturated(senders: Sender[]): Promise<void> {
  for (const sender of senders) sender.pump();
  await Promise.all(senders.map((s) => s.done));
}

/**
 * Paced: `total` sends at `rate` per second in all, message k at start + k / rate, by sender
 * k mod senders. Resolves once all are acked, with how late the load generator was (ms, p99
 * and max) — figures from a generator that could not keep the schedule would say so.
 */
export async function sendPaced(senders: Sender[], total: number, rate: number): Promise<number[]> {
  const interval = 1000 / rate;
  const late: number[] = [];
  const start = performance.now();
  let k = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (k < total && start + k * interval <= now) {
        late.push(now - (start + k * interval));
        senders[k % senders.length]!.send();
        k += 1;
      }
      if (k < total) setTimeout(tick, Math.max(0, start + k * interval - performance.now()));
      else resolve();
    };
    tick();
  });
  await Promise.all(senders.map((s) => s.done));
  return late;
}

/** One socket hearing one conversation: times each delivery, checks the contract. */
export class Listener {
  heard = 0;
  readonly problems: string[] = [];
  private lastSeq: number | undefined;
  private readonly lastN = new Map<number, number>();
  private finish!: () => void;
  /** Resolves once `expected` messages are heard (faults or not). */
  readonly done = new Promise<void>((resolve) => (this.finish = resolve));

  constructor(
    ws: WebSocket,
    readonly name: string,
    private readonly conversationId: string,
    private readonly expected: number,
    ledger: Ledger,
    /** Send → this socket hearing message.created, ms. */
    latencies: number[],
  ) {
    if (expected === 0) this.finish();
    ws.on('close', () => this.heard < expected && this.fault('socket closed'));
    ws.on('message', (data) => {
      const text = data.toString();
      if (!text.startsWith('{"event":"message.created"')) return;
      const now = performance.now();
      const message = JSON.parse(text).data;
      if (message.conversationId !== conversationId) return;
      const sent = ledger.sent.get(message.clientMsgId);
      if (!sent) return this.fault(`a message nobody sent (seq ${message.seq})`);
      if (sent.conversationId !== conversationId)
        return this.fault(`seq ${message.seq} of another conversation`);
      // A message heard twice fails one of the two checks below without a set of every
      // clientMsgId heard (1.5 million strings in a room run): heard again with its seq, the seq
      // does not follow the last one; stored twice under a new seq, its sender's place does not
      // move forward.
      if (this.lastSeq !== undefined && message.seq !== this.lastSeq + 1) {
        this.fault(`seq ${message.seq} after ${this.lastSeq}`);
      }
      this.lastSeq = message.seq;
      if ((this.lastN.get(sent.sender) ?? -1) >= sent.n)
        this.fault(`sender ${sent.sender}'s message ${sent.n} again or out of order`);
      this.lastN.set(sent.sender, sent.n);
      latencies.push(now - sent.at);
      if (++this.heard === this.expected) this.finish();
    });
  }

  private fault(problem: string): void {
    if (this.problems.length < 5) this.problems.push(problem);
  }

  /** What is wrong once the run is over: missing, extra or faulty deliveries. */
  verdict(): string[] {
    const problems = [...this.problems];
    if (this.heard !== this.expected) problems.push(`heard ${this.heard} of ${this.expected}`);
    return problems.map((p) => `${this.name}: ${p}`);
  }
}

/** Resolves once every listener has heard all it expects, or `timeoutMs` later (then `faults` says what is missing). */
export async function allHeard(listeners: Listener[], timeoutMs = 30_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(listeners.map((l) => l.done)),
    new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
  ]);
  clearTimeout(timer);
}

/**
 * Checks every listener a moment after the run (late duplicates would show): prints the faults
 * and sets a non-zero exit code if there are any. Returns the line for the result: "0 lost".
 */
export async function faults(listeners: Listener[]): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 250));
  const found = listeners.flatMap((l) => l.verdict());
  if (found.length === 0)
    return `0 lost, 0 duplicated, seqs gap-free and in order at all ${listeners.length} listeners`;
  console.error(`LOST OR FAULTY DELIVERIES (${found.length}):\n  ${found.slice(0, 20).join('\n  ')}`);
  process.exitCode = 1;
  return `${found.length} FAULTS`;
}
