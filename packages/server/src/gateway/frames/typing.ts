import type { TypingFrame } from '@parley/protocol';
import type { z } from 'zod';
import { sendTyping } from '../../actions/messages/send-typing.ts';
import type { Connection } from '../connection.ts';

/** `typing`: answered `{}` once published, or at once when throttled (see sendTyping). */
export async function typingFrame(
  connection: Connection,
  frame: z.infer<typeof TypingFrame>,
): Promise<Record<string, never>> {
  await sendTyping(connection.gateway.services, connection.actor!, frame.conversationId);
  return {};
}
