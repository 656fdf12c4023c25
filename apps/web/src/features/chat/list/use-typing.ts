import { useEffect, useState } from 'react';
import { useSession } from '../../../model/app-context.ts';

/** How long "is typing" shows after the last typing event (they come every few seconds while typing). */
const showMs = 5000;

/** Who else is typing in a conversation now, oldest first. */
export function useTyping(conversationId: string): string[] {
  const session = useSession();
  const [typing, setTyping] = useState<string[]>([]);
  useEffect(() => {
    const timers = new Map<string, ReturnType<typeof setTimeout>>();
    const stop = (userId: string) => {
      clearTimeout(timers.get(userId));
      timers.delete(userId);
      setTyping([...timers.keys()]);
    };
    const offTyping = session.connection.on('typing', ({ conversationId: id, userId }) => {
      if (id !== conversationId || userId === session.me.get().id) return;
      clearTimeout(timers.get(userId));
      timers.set(
        userId,
        setTimeout(() => stop(userId), showMs),
      );
      setTyping([...timers.keys()]);
    });
    // Their message arrived: they are done typing it.
    const offMessage = session.connection.on('message.created', (m) => {
      if (m.conversationId === conversationId && m.senderId && timers.has(m.senderId)) stop(m.senderId);
    });
    setTyping([]);
    return () => {
      offTyping();
      offMessage();
      for (const timer of timers.values()) clearTimeout(timer);
    };
  }, [session, conversationId]);
  return typing;
}
