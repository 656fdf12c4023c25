/**
 * The group id in what a user pasted: a bare id, or any link whose last path or hash segment
 * is one (…/#/c/<id>, …/groups/<id>). Null when nothing id-like is there.
 */
export function groupIdFrom(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const parts = trimmed.split(/[/#?=]+/).filter(Boolean);
  const last = parts.at(-1) === 'preview' ? parts.at(-2) : parts.at(-1);
  return last && /^[A-Za-z0-9_-]{1,64}$/.test(last) ? last : null;
}
