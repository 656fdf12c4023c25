import { ErrorResponse, Id } from '@parley/protocol';
import { z } from 'zod';

// Schema pieces the three group route plugins share (groups.ts, group-members.ts,
// group-invitations.ts), so their refusals and parameters cannot drift apart.

export const security = [{ bearer: [] }];
export const refusals = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  429: ErrorResponse,
};
export const byId = z.strictObject({ id: Id });
export const byMember = z.strictObject({ id: Id, userId: Id });
export const noContent = { 204: z.null(), ...refusals };
