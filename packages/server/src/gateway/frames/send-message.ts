import type { MessageAck, SendMessageFrame } from '@parley/protocol';
import type { z } from 'zod';
import { sendMessage } from '../../actions/messages/send-message.ts';
import type { Connection } from '../connection.ts';

/** `message.send`: the ack comes back as this request's reply, after the message is stored. */
export function sendMessageFrame(
  connection: Connection,
  frame: z.infer<typeof SendMessageFrame>,
): Promise<MessageAck> {
  const { id: _id, type: _type, conversationId, ...body } = frame;
  return sendMessage(connection.gateway.services, connection.actor!, conversationId, body);
}
