import styles from './Avatar.module.css';

interface AvatarProps {
  /** Path of the avatar image (`/avatars/<sha>`), or null for initials. */
  src: string | null | undefined;
  name: string;
  size?: number;
  /** Shows a presence dot: true online, false offline, undefined none. */
  online?: boolean | undefined;
}

// Deep enough that the white initial reads at 4.5:1 on each.
const palette = ['#2260d8', '#c2185b', '#b85400', '#0f7a6e', '#7048d8', '#c62828', '#2e7d32', '#8a6a00'];

/** A round picture, or the first letter of the name on a colour picked from the name. */
export function Avatar({ src, name, size = 40, online }: AvatarProps) {
  const initial = [...name.trim()][0]?.toUpperCase() ?? '?';
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return (
    <span
      className={styles.avatar}
      style={{ width: size, height: size, fontSize: size * 0.42 }}
      aria-hidden="true"
    >
      {src ? (
        <img src={src} alt="" loading="lazy" draggable={false} />
      ) : (
        <span className={styles.initial} style={{ background: palette[hash % palette.length] }}>
          {initial}
        </span>
      )}
      {online !== undefined && (
        <span className={online ? styles.online : styles.offline} data-online={online} />
      )}
    </span>
  );
}
