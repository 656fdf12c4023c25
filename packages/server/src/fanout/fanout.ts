import { closeCodes } from '@parley/protocol';
import type { Envelope } from '../bus/bus.ts';

/** What the fanout needs of a gateway socket. */
export interface FanoutTarget {
  readonly userId: string;
  readonly sessionId: string;
  /** Sends an already serialised frame. */
  sendText(text: string): void;
  close(code: number, reason: string): void;
}

/**
 * Bus → sockets on this node. Each envelope is serialised once, whatever the number of
 * recipients, then written to every local socket its audience names.
 */
export class Fanout {
  /** `delivered` counts frames written (metrics), once per envelope rather than per socket. */
  constructor(private readonly delivered?: { inc(frames: number): void }) {}

  private readonly byUser = new Map<string, Set<FanoutTarget>>();
  private readonly bySession = new Map<string, Set<FanoutTarget>>();

  add(target: FanoutTarget): void {
    addTo(this.byUser, target.userId, target);
    addTo(this.bySession, target.sessionId, target);
  }

  remove(target: FanoutTarget): void {
    removeFrom(this.byUser, target.userId, target);
    removeFrom(this.bySession, target.sessionId, target);
  }

  get size(): number {
    let n = 0;
    for (const set of this.byUser.values()) n += set.size;
    return n;
  }

  deliver(envelope: Envelope): void {
    const targets = this.resolve(envelope);
    if (targets.length === 0) return;
    const text = envelope.text ?? JSON.stringify(envelope.event);
    for (const target of targets) target.sendText(text);
    this.delivered?.inc(targets.length);
    // A revoked session's sockets hear why, then close; the client must not reconnect with it.
    if (envelope.event.event === 'session.revoked') {
      for (const target of targets) target.close(closeCodes.sessionRevoked, envelope.event.data.reason);
    }
  }

  private resolve({ to }: Envelope): FanoutTarget[] {
    if ('everyone' in to) return [...this.byUser.values()].flatMap((set) => [...set]);
    const index = 'users' in to ? this.byUser : this.bySession;
    const keys = 'users' in to ? to.users : to.sessions;
    return keys.flatMap((key) => [...(index.get(key) ?? [])]);
  }
}

function addTo(map: Map<string, Set<FanoutTarget>>, key: string, target: FanoutTarget): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(target);
}

function removeFrom(map: Map<string, Set<FanoutTarget>>, key: string, target: FanoutTarget): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(target);
  if (set.size === 0) map.delete(key);
}
