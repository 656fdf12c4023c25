import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EndReason } from '../../model/app-model.ts';
import { LanguageSwitch } from '../settings/LanguageSwitch.tsx';
import styles from './AuthScreen.module.css';
import { RegisterForm } from './RegisterForm.tsx';
import { SignInForm } from './SignInForm.tsx';

/** Sign in or register, with the notice of why the last session ended (if the server ended it). */
export function AuthScreen({ notice }: { notice: EndReason | null }) {
  const { t } = useTranslation('auth');
  const [mode, setMode] = useState<'signIn' | 'register'>('signIn');
  return (
    <div className={styles.screen}>
      <header className={styles.lang}>
        <LanguageSwitch />
      </header>
      <main className={styles.card}>
        <div className={styles.brand}>
          <img src="/favicon.svg" alt="" width={44} height={44} />
          <h1>Parley</h1>
        </div>
        <p className={styles.tagline}>{t('tagline')}</p>
        {notice && (
          <p className={styles.notice} role="alert">
            {t(`common:ended.${notice}`)}
          </p>
        )}
        <div className={styles.switch} role="tablist" aria-label={t('mode')}>
          {(['signIn', 'register'] as const).map((m) => (
            <button key={m} role="tab" aria-selected={mode === m} onClick={() => setMode(m)} type="button">
              {t(m)}
            </button>
          ))}
        </div>
        {mode === 'signIn' ? <SignInForm /> : <RegisterForm />}
      </main>
    </div>
  );
}
