export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One REST call, as HttpClient makes it: signed, JSON, refusals thrown as ParleyError. */
export type Call = <T>(method: Method, path: string, body?: unknown) => Promise<T>;

/** A path segment from an id or name, escaped. */
export const seg = (value: string): string => encodeURIComponent(value);

/** `?a=1&b=2` from the defined entries of `params` ('' when none). */
export function queryString(params: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) query.set(key, String(value));
  const text = query.toString();
  return text ? `?${text}` : '';
}
