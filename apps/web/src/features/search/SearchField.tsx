import { limits } from '@parley/protocol';
import { Search } from 'lucide-react';
import styles from './Search.module.css';

interface SearchFieldProps {
  value: string;
  onChange(value: string): void;
  label: string;
  placeholder: string;
  autoFocus?: boolean;
}

/** A search box with a magnifier; Escape empties it (the browser's own clear button stays). */
export function SearchField({ value, onChange, label, placeholder, autoFocus }: SearchFieldProps) {
  return (
    <label className={styles.field}>
      <Search size={16} aria-hidden="true" />
      <span className="visually-hidden">{label}</span>
      <input
        type="search"
        value={value}
        placeholder={placeholder}
        maxLength={limits.searchQueryMax}
        autoFocus={autoFocus}
        enterKeyHint="search"
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          // In a dialog an empty box lets Escape close it; a filled one is emptied first.
          if (e.key === 'Escape' && value) {
            e.preventDefault();
            e.stopPropagation();
            onChange('');
          }
        }}
      />
    </label>
  );
}
