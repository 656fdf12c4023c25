import { ErrorResponse, Id } from '@parley/protocol';
import { z } from 'zod';

/** The OpenAPI response entries for the refusal statuses a route may answer with. */
export function refusalsFor<const S extends number>(...statuses: S[]): Record<S, typeof ErrorResponse> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorResponse])) as Record<S, typeof ErrorResponse>;
}

/** `:id` path parameters. */
export const byId = z.strictObject({ id: Id });
