/**
 * Whether a GET's If-None-Match names the client's copy of a file with this strong ETag, so
 * the answer is 304 Not Modified (RFC 9110 §13.1.2): `*` names any file that exists; otherwise
 * a listed tag must match by weak comparison (a `W/` prefix does not matter).
 */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
