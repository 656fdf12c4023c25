import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button.tsx';
import styles from './ErrorBoundary.module.css';

interface Props {
  children: ReactNode;
  /** What the broken part is called in the console. */
  name: string;
}

/**
 * Keeps one broken component from blanking the app: a render error below shows a short notice
 * with "Try again" (renders the part afresh) and "Reload" in its place, and the rest of the app
 * goes on. React still logs the error to the console.
 */
export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`Parley: ${this.props.name} failed`, error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return <Crashed onRetry={() => this.setState({ error: null })} />;
  }
}

function Crashed({ onRetry }: { onRetry(): void }) {
  const { t } = useTranslation();
  return (
    <div className={styles.crashed} role="alert">
      <p className={styles.title}>{t('crash.title')}</p>
      <p>{t('crash.hint')}</p>
      <div className={styles.actions}>
        <Button onClick={onRetry}>{t('crash.retry')}</Button>
        <Button onClick={() => location.reload()}>{t('crash.reload')}</Button>
      </div>
    </div>
  );
}
