import { Monitor, Moon, Sun } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ThemeChoice, savedTheme, setTheme } from '../../theme.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import styles from './Section.module.css';

const themes = [
  { value: 'system', Icon: Monitor },
  { value: 'light', Icon: Sun },
  { value: 'dark', Icon: Moon },
] as const satisfies readonly { value: ThemeChoice; Icon: unknown }[];

/** Theme (system, light, dark) and language; both remembered on this device. */
export function AppearanceSection() {
  const { t } = useTranslation('settings');
  const [theme, setChoice] = useState<ThemeChoice>(savedTheme);

  function choose(choice: ThemeChoice) {
    setTheme(choice);
    setChoice(choice);
  }

  return (
    <div className={styles.section}>
      <div className={styles.group}>
        <fieldset className={styles.choices}>
          <legend>{t('appearance.theme')}</legend>
          {themes.map(({ value, Icon }) => (
            <label key={value} className={styles.choice}>
              <input
                type="radio"
                name="theme"
                value={value}
                checked={theme === value}
                onChange={() => choose(value)}
              />
              <Icon size={22} aria-hidden="true" />
              {t(`appearance.${value}`)}
            </label>
          ))}
        </fieldset>
      </div>
      <div className={styles.group}>
        <div className={`${styles.row} ${styles.centered}`}>
          <span className={styles.rowLabel}>{t('appearance.language')}</span>
          <LanguageSwitch />
        </div>
      </div>
    </div>
  );
}
