/** What a search box's text matches: any part of a name, remark or @username, any case. */
export function matches(query: string, ...texts: (string | null | undefined)[]): boolean {
  const q = query.trim().toLowerCase().replace(/^@/, '');
  return !q || texts.some((text) => text?.toLowerCase().includes(q));
}
