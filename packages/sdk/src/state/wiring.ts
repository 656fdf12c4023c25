import type { MessageAck } from '@parley/protocol';
import type { Connection } from '../connection.ts';
import type { StoreEvent } from './apply-event.ts';
import type { OutboxItem } from './outbox-item.ts';

/** Server pushes the store applies. */
const storeEvents: readonly StoreEvent['event'][] = [
  'message.created',
  'message.updated',
  'reaction.changed',
  'message.hidden',
  'member.removed',
];

/** The outbox's way out: one `message.send` frame on the connection, answered by the ack. */
export function sendOn(connection: Connection): (item: OutboxItem) => Promise<MessageAck> {
  return (item) =>
    connection.request('message.send', {
      conversationId: item.conversationId,
      clientMsgId: item.clientMsgId,
      ...(item.text !== '' && { text: item.text }),
      ...(item.replyToId !== undefined && { replyToId: item.replyToId }),
      ...(item.attachmentId !== undefined && { attachmentId: item.attachmentId }),
      ...(item.stickerId !== undefined && { stickerId: item.stickerId }),
    });
}

/** Subscribes to what a store needs from the connection; returns the functions that unsubscribe. */
export function listenTo(
  connection: Connection,
  on: { event(event: StoreEvent): void; hello(): void; closed(): void },
): (() => void)[] {
  // By name, so that an event this SDK's protocol version lacks is simply never heard.
  const subscribe = connection.on.bind(connection) as (
    name: string,
    l: (data: unknown) => void,
  ) => () => void;
  return [
    ...storeEvents.map((name) => subscribe(name, (data) => on.event({ event: name, data } as StoreEvent))),
    connection.on('hello', () => on.hello()),
    connection.on('closed', () => on.closed()),
  ];
}
