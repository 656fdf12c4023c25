/**
 * The order of an online list: display name (case folded, by code point, the same on every
 * platform), then id. The server cuts the list in this order and clients keep it so.
 * In a module of its own, with no schema beside it: a client that imports it must not pull in
 * zod (the web client's bundle has no zod; the SDK trusts the server's shapes).
 */
export function compareOnline(
  a: { id: string; displayName: string },
  b: { id: string; displayName: string },
): number {
  const [x, y] = [a.displayName.toLowerCase(), b.displayName.toLowerCase()];
  if (x !== y) return x < y ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
