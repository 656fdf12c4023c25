const shaPattern = /^[0-9a-f]{64}$/;

/**
 * `ab/cd/abcd…`: two levels of folders (or key prefixes) so no folder grows huge. The name is
 * ours (a hash we computed), but a path or key is never built from anything else.
 */
export function blobName(sha256: string): string {
  if (!shaPattern.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}
