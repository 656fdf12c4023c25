/**
 * The Chinese strings, a chunk of their own that i18n/index.ts loads only when Chinese is the
 * language. The files as found; index.ts sorts them into namespaces (importing it from here
 * would make a chunk of its own for the sign-in page to fetch).
 */
export default import.meta.glob<{ default: Record<string, unknown> }>('./locales/zh/*.json', {
  eager: true,
});
