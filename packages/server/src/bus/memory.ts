import type { Bus, Envelope } from './bus.ts';

/** The one-process bus: hands each envelope to every subscriber, in publish order. */
export function createMemoryBus(onHandlerError: (err: unknown) => void = () => {}): Bus {
  const handlers = new Set<(envelope: Envelope) => void>();
  return {
    async publish(envelope) {
      for (const handler of handlers) {
        try {
          handler(envelope);
        } catch (err) {
          onHandlerError(err);
        }
      }
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    async close() {
      handlers.clear();
    },
  };
}
