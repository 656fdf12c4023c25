/** Light, dark, or whatever the system prefers; kept in localStorage, applied as <html data-theme>. */
export type ThemeChoice = 'system' | 'light' | 'dark';

const key = 'parley.theme';
const media = matchMedia('(prefers-color-scheme: dark)');

export function savedTheme(): ThemeChoice {
  const saved = localStorage.getItem(key);
  return saved === 'light' || saved === 'dark' ? saved : 'system';
}

export function setTheme(choice: ThemeChoice): void {
  localStorage.setItem(key, choice);
  applyTheme();
}

export function applyTheme(): void {
  const choice = savedTheme();
  const dark = choice === 'dark' || (choice === 'system' && media.matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  document.querySelector('meta[name="theme-color"]')?.setAttribute('content', dark ? '#17191f' : '#ffffff');
}

media.addEventListener('change', applyTheme);
