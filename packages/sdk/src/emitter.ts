/**
 * A tiny typed event emitter: `on`, `once` and `off`, where `on` and `once` return the
 * function that unsubscribes. Works the same in browsers and Node, with no dependency.
 *
 * A listener that throws does not stop the others or the emitter's owner (a Connection in
 * the middle of handling a frame): the error is rethrown in a microtask, so it is reported
 * like any uncaught error (the console in a browser, `uncaughtException` in Node).
 */
export type Listener<T> = (data: T) => void;

interface Entry {
  listener: Listener<never>;
  once: boolean;
}

export class Emitter<Events extends object> {
  private readonly entries = new Map<keyof Events, Entry[]>();

  on<K extends keyof Events>(name: K, listener: Listener<Events[K]>): () => void {
    return this.add(name, listener, false);
  }

  once<K extends keyof Events>(name: K, listener: Listener<Events[K]>): () => void {
    return this.add(name, listener, true);
  }

  off<K extends keyof Events>(name: K, listener: Listener<Events[K]>): void {
    const entry = this.entries.get(name)?.find((e) => e.listener === listener);
    if (entry) this.remove(name, entry);
  }

  emit<K extends keyof Events>(name: K, data: Events[K]): void {
    const list = this.entries.get(name);
    if (!list) return;
    // A copy, so listeners added or removed while emitting take effect from the next emit.
    for (const entry of [...list]) {
      if (entry.once) this.remove(name, entry);
      try {
        (entry.listener as Listener<Events[K]>)(data);
      } catch (err) {
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }

  private add<K extends keyof Events>(name: K, listener: Listener<Events[K]>, once: boolean): () => void {
    let list = this.entries.get(name);
    if (!list) this.entries.set(name, (list = []));
    const entry: Entry = { listener, once };
    list.push(entry);
    return () => this.remove(name, entry);
  }

  private remove(name: keyof Events, entry: Entry): void {
    const list = this.entries.get(name);
    const index = list?.indexOf(entry) ?? -1;
    if (index >= 0) list!.splice(index, 1);
  }
}
