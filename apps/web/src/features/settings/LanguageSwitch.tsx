import { Languages } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { type Language, setLanguage } from '../../i18n/index.ts';
import styles from './LanguageSwitch.module.css';

/** 中文 / English, remembered on this device. */
export function LanguageSwitch() {
  const { i18n } = useTranslation();
  const current = i18n.language as Language;
  return (
    <label className={styles.switch}>
      <Languages size={16} aria-hidden="true" />
      <span className="visually-hidden">Language / 语言</span>
      <select
        value={current}
        onChange={(e) => void setLanguage(e.target.value as Language)}
        aria-label="Language / 语言"
      >
        <option value="zh">简体中文</option>
        <option value="en">English</option>
      </select>
    </label>
  );
}
