import { Search } from 'lucide-react';
import type { InputHTMLAttributes } from 'react';
import styles from './SearchField.module.css';

interface SearchFieldProps extends Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onChange' | 'onKeyDown' | 'type' | 'className'
> {
  value: string;
  onChange(value: string): void;
  /** The accessible name; not drawn (the magnifier and the placeholder show what the box is). */
  label: string;
  placeholder: string;
  /** Escape empties a filled box, rather than closing the dialog around it. */
  clearOnEscape?: boolean;
  /** On the outer label: how the box sits in its row (a flex share, a height). */
  className?: string;
}

/**
 * A search box with a magnifier, the browser's own clear button, and a hidden label. Its
 * height is the custom property `--search-field-height`: 36px unless the caller's class sets it
 * (the admin console's toolbar, whose controls are 38px tall).
 */
export function SearchField({ value, onChange, label, clearOnEscape, className, ...rest }: SearchFieldProps) {
  return (
    <label className={className ? `${styles.field} ${className}` : styles.field}>
      <Search size={16} aria-hidden="true" />
      <span className="visually-hidden">{label}</span>
      <input
        type="search"
        value={value}
        {...rest}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          // In a dialog an empty box lets Escape close it; a filled one is emptied first.
          if (clearOnEscape && e.key === 'Escape' && value) {
            e.preventDefault();
            e.stopPropagation();
            onChange('');
          }
        }}
      />
    </label>
  );
}
