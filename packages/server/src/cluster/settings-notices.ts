import type { RedisLink } from './redis.ts';

/**
 * Several nodes: "the run-time settings changed, read them again", on the Redis channel
 * `<prefix>settings` (docs/architecture.md, "Several nodes"). The message is only the sending
 * node's id, so a node skips its own; what changed is read from the database, which is the
 * truth, never from the message. Kept apart from the event bus because no socket hears it.
 */
const channelOf = (link: RedisLink) => `${link.prefix}settings`;

/**
 * Calls `onChange` when another node announces a change, and again each time the subscription
 * is back after Redis was away (a notice sent meanwhile was lost). Returns the unsubscribe.
 */
export function listenForSettingChanges(link: RedisLink, nodeId: string, onChange: () => void): () => void {
  const channel = channelOf(link);
  const onMessage = (from: string, message: string) => {
    if (from === channel && message !== nodeId) onChange();
  };
  // ioredis subscribes again by itself after a reconnection; this only catches up.
  let connectedOnce = false;
  const onReady = () => {
    if (connectedOnce) onChange();
    connectedOnce = true;
  };
  if (link.subscriber.status === 'ready') connectedOnce = true;
  link.subscriber.on('message', onMessage);
  link.subscriber.on('ready', onReady);
  // Once subscribed, catch up on a change announced between the node's first read and now.
  // Redis away: ioredis subscribes on reconnection, and onReady catches up then.
  link.subscriber.subscribe(channel).then(onChange, () => {});
  return () => {
    link.subscriber.off('message', onMessage);
    link.subscriber.off('ready', onReady);
    if (link.subscriber.status === 'ready') link.subscriber.unsubscribe(channel).catch(() => {});
  };
}

/** Tells the other nodes to read the settings again. Resolves false when Redis could not be reached. */
export async function announceSettingChange(link: RedisLink, nodeId: string): Promise<boolean> {
  return link.commands.publish(channelOf(link), nodeId).then(
    () => true,
    () => false,
  );
}
