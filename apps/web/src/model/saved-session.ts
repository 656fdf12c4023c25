import type { Me } from '@parley/protocol';

/** What survives a reload in localStorage: the session token and who it belongs to. */
export interface SavedSession {
  token: string;
  user: Me;
}

const key = 'parley.session';

export function loadSession(): SavedSession | null {
  try {
    const saved = JSON.parse(localStorage.getItem(key) ?? 'null') as SavedSession | null;
    return saved && typeof saved.token === 'string' && saved.user?.id ? saved : null;
  } catch {
    return null;
  }
}

export function saveSession(session: SavedSession): void {
  localStorage.setItem(key, JSON.stringify(session));
}

export function clearSession(): void {
  localStorage.removeItem(key);
}
