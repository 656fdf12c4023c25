import { limits } from '@parley/protocol';
import { Search } from 'lucide-react';
import styles from './AdminConsole.module.css';

/** The search field above a console list; `label` names it (there is no visible label). */
export function SearchBox({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange(v: string): void;
}) {
  return (
    <div className={styles.search}>
      <Search size={16} aria-hidden="true" />
      <input
        type="search"
        aria-label={label}
        placeholder={label}
        value={value}
        maxLength={limits.searchQueryMax}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}
