import { luaScript } from '../cluster/lua.ts';

/**
 * The Redis presence's scripts (fanout/redis-presence.ts). Each runs atomically, so when two
 * nodes change the same user at once exactly one of them sees the user go online or offline.
 *
 * Keys (P = the prefix): `P node:<id>` a node's heartbeat, expiring; `P nodes` the set of
 * nodes that may hold counts; `P sockets:<id>` a hash user → sockets on that node;
 * `P online` a hash user → number of nodes where the user has a socket.
 */

/**
 * KEYS sockets:<node>, online, node:<node>; ARGV user.
 * Returns {1 if the user went online, 1 if the node is still registered}.
 */
export const connectScript = luaScript<[number, number]>(`
local alive = redis.call('EXISTS', KEYS[3])
if redis.call('HINCRBY', KEYS[1], ARGV[1], 1) ~= 1 then return {0, alive} end
return {redis.call('HINCRBY', KEYS[2], ARGV[1], 1) == 1 and 1 or 0, alive}
`);

/**
 * KEYS sockets:<node>, online, node:<node>; ARGV user.
 * Returns {1 if the user went offline, 1 if the node is still registered}. A count below zero
 * means Redis lost this node's counts: the user is offline if no other node claims them.
 */
export const disconnectScript = luaScript<[number, number]>(`
local alive = redis.call('EXISTS', KEYS[3])
local here = redis.call('HINCRBY', KEYS[1], ARGV[1], -1)
if here > 0 then return {0, alive} end
redis.call('HDEL', KEYS[1], ARGV[1])
if here < 0 then return {redis.call('HEXISTS', KEYS[2], ARGV[1]) == 0 and 1 or 0, alive} end
local nodes = redis.call('HINCRBY', KEYS[2], ARGV[1], -1)
if nodes > 0 then return {0, alive} end
redis.call('HDEL', KEYS[2], ARGV[1])
return {nodes == 0 and 1 or 0, alive}
`);

/**
 * Makes Redis agree with a node's own counts: after a restart of Redis, after the node was
 * reaped while alive (a long pause), or at start. KEYS sockets:<node>, online, nodes,
 * node:<node>; ARGV node id, heartbeat ttl ms, now, then user, count pairs.
 */
export const rewriteScript = luaScript<number>(`
local old = redis.call('HGETALL', KEYS[1])
local had = {}
for i = 1, #old, 2 do had[old[i]] = true end
redis.call('DEL', KEYS[1])
local has = {}
for i = 4, #ARGV, 2 do
  local user = ARGV[i]
  has[user] = true
  redis.call('HSET', KEYS[1], user, ARGV[i + 1])
  if not had[user] then redis.call('HINCRBY', KEYS[2], user, 1) end
end
for user in pairs(had) do
  if not has[user] and redis.call('HINCRBY', KEYS[2], user, -1) <= 0 then redis.call('HDEL', KEYS[2], user) end
end
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('SET', KEYS[4], ARGV[3], 'PX', ARGV[2])
return 1
`);

/**
 * Removes a node whose heartbeat expired (or, with ARGV[2] = 'leave', this node as it shuts
 * down) and returns the users now offline everywhere. Only the node whose SREM succeeds does
 * the work, so each lost user is reported once. KEYS nodes, node:<node>, sockets:<node>,
 * online; ARGV node id, 'reap' | 'leave'.
 */
export const reapScript = luaScript<string[]>(`
if ARGV[2] == 'leave' then redis.call('DEL', KEYS[2]) end
if redis.call('EXISTS', KEYS[2]) == 1 then return {} end
if redis.call('SREM', KEYS[1], ARGV[1]) == 0 and ARGV[2] ~= 'leave' then return {} end
local counts = redis.call('HGETALL', KEYS[3])
redis.call('DEL', KEYS[3])
local gone = {}
for i = 1, #counts, 2 do
  local left = redis.call('HINCRBY', KEYS[4], counts[i], -1)
  if left <= 0 then
    redis.call('HDEL', KEYS[4], counts[i])
    if left == 0 then gone[#gone + 1] = counts[i] end
  end
end
return gone
`);
