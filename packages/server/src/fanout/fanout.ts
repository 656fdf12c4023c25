import { closeCodes } from '@parley/protocol';
import type { Envelope } from '../bus/bus.ts';
import { textFrame } from './text-frame.ts';

/** What the fanout needs of a gateway socket. */
export interface FanoutTarget {
  readonly userId: string;
  readonly sessionId: string;
  /**
   * Sends an already serialised event: `text`, and `framed`, the same text as a whole
   * WebSocket frame that every socket of the delivery shares (text-frame.ts).
   */
  sendText(text: string, framed?: Buffer): void;
  close(code: number, reason: string): void;
}

/**
 * Bus → sockets on this node. Each envelope is serialised and framed once, whatever the number
 * of recipients, then written to every local socket its audience names: in a room of 100 the
 * frame header, the UTF-8 bytes and the chunks each socket's write gathers are made once, not
 * 100 times (bench/send/group.ts; docs/benchmarks.md, step 9).
 */
export class Fanout {
  /** `delivered` counts frames written (metrics), once per envelope rather than per socket. */
  constructor(private readonly delivered?: { inc(frames: number): void }) {}

  // A user's or session's sockets: the one socket itself, as most have, or a Set once there are
  // several. A Set of one per user and per session cost every idle socket some 400 bytes.
  private readonly byUser = new Map<string, Targets>();
  private readonly bySession = new Map<string, Targets>();

  add(target: FanoutTarget): void {
    addTo(this.byUser, target.userId, target);
    addTo(this.bySession, target.sessionId, target);
  }

  remove(target: FanoutTarget): void {
    removeFrom(this.byUser, target.userId, target);
    removeFrom(this.bySession, target.sessionId, target);
  }

  /** Whether the user has a signed-in socket on this node (so is online, whatever other nodes say). */
  hasUser(userId: string): boolean {
    return this.byUser.has(userId);
  }

  get size(): number {
    let n = 0;
    for (const targets of this.byUser.values()) n += targets instanceof Set ? targets.size : 1;
    return n;
  }

  deliver(envelope: Envelope): void {
    const targets = this.resolve(envelope);
    if (targets.length === 0) return;
    const text = envelope.text ?? JSON.stringify(envelope.event);
    // One socket: ws frames the text as it writes it, with no copy to make.
    const framed = targets.length > 1 ? textFrame(text) : undefined;
    for (const target of targets) target.sendText(text, framed);
    this.delivered?.inc(targets.length);
    // A revoked session's sockets hear why, then close; the client must not reconnect with it.
    if (envelope.event.event === 'session.revoked') {
      for (const target of targets) target.close(closeCodes.sessionRevoked, envelope.event.data.reason);
    }
  }

  private resolve({ to }: Envelope): FanoutTarget[] {
    const found: FanoutTarget[] = [];
    if ('everyone' in to) {
      for (const targets of this.byUser.values()) collect(found, targets);
      return found;
    }
    const index = 'users' in to ? this.byUser : this.bySession;
    const keys = 'users' in to ? to.users : to.sessions;
    for (const key of keys) collect(found, index.get(key));
    return found;
  }
}

type Targets = FanoutTarget | Set<FanoutTarget>;

function collect(into: FanoutTarget[], targets: Targets | undefined): void {
  if (targets === undefined) return;
  if (targets instanceof Set) for (const target of targets) into.push(target);
  else into.push(targets);
}

function addTo(map: Map<string, Targets>, key: string, target: FanoutTarget): void {
  const targets = map.get(key);
  if (targets === undefined) map.set(key, target);
  else if (targets instanceof Set) targets.add(target);
  else if (targets !== target) map.set(key, new Set([targets, target]));
}

function removeFrom(map: Map<string, Targets>, key: string, target: FanoutTarget): void {
  const targets = map.get(key);
  if (targets === undefined) return;
  if (!(targets instanceof Set)) {
    if (targets === target) map.delete(key);
    return;
  }
  targets.delete(target);
  if (targets.size === 0) map.delete(key);
  else if (targets.size === 1) map.set(key, targets.values().next().value!);
}
