import { useSyncExternalStore } from 'react';

/** The width at and below which the lists and the chat take turns (MainLayout.module.css). */
const query = '(max-width: 720px)';

function subscribe(onChange: () => void): () => void {
  const media = matchMedia(query);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

/** True on a phone-sized screen, where a popover gives way to a sheet from the bottom. */
export function useNarrow(): boolean {
  return useSyncExternalStore(subscribe, () => matchMedia(query).matches);
}
