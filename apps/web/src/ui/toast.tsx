import { useValue } from '../model/use-value.ts';
import { Observable } from '../model/observable.ts';
import styles from './toast.module.css';

interface Toast {
  id: number;
  text: string;
  kind: 'info' | 'error';
}

const toasts = new Observable<Toast[]>([]);
let nextId = 1;

/** Shows a short message at the bottom for a few seconds (errors stay a little longer). */
export function toast(text: string, kind: Toast['kind'] = 'info'): void {
  const id = nextId++;
  toasts.set([...toasts.get(), { id, text, kind }]);
  setTimeout(() => toasts.set(toasts.get().filter((t) => t.id !== id)), kind === 'error' ? 6000 : 3500);
}

/** Takes every toast down (signing out: what was said to one user is not shown to the next). */
export function clearToasts(): void {
  toasts.set([]);
}

export function Toaster() {
  const list = useValue(toasts);
  return (
    <div className={styles.region} role="status" aria-live="polite">
      {list.map((t) => (
        <div key={t.id} className={`${styles.toast} ${t.kind === 'error' ? styles.error : ''}`}>
          {t.text}
        </div>
      ))}
    </div>
  );
}
