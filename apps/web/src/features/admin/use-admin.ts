import type { HttpClient } from '@parley/sdk';
import { useSession } from '../../model/app-context.ts';

export type AdminApi = HttpClient['admin'];

/** The admin routes (client.http.admin): the console talks to the server only through them. */
export function useAdmin(): AdminApi {
  return useSession().client.http.admin;
}
