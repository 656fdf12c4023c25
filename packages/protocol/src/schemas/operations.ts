import { z } from 'zod';

/** `GET /api/v1/health`: the process is up. Says nothing about the database or Redis. */
export const Health = z.object({
  status: z.literal('ok'),
  /** This node's name in the cluster (host, process and a random tail). */
  node: z.string(),
});
export type Health = z.infer<typeof Health>;

/** `GET /api/v1/ready`: whether a load balancer should send this node traffic. */
export const Readiness = z.object({
  /** `ready` answers 200; `unready` (a check failed) and `draining` (shutting down) answer 503. */
  status: z.enum(['ready', 'unready', 'draining']),
  checks: z.object({
    database: z.enum(['ok', 'failed']),
    /** `absent` on a single node without PARLEY_REDIS_URL. */
    redis: z.enum(['ok', 'failed', 'absent']),
  }),
});
export type Readiness = z.infer<typeof Readiness>;
