import styles from './Avatar.module.css';

interface AvatarProps {
  /** Path of the avatar image (`/avatars/<sha>`), or null for initials. */
  src: string | null | undefined;
  name: string;
  size?: number;
  /** Shows a presence dot: true online, false offline, undefined none. */
  online?: boolean | undefined;
}

const palette = ['#2f6fed', '#e0598b', '#f08c2e', '#1a9d8f', '#8a5cf6', '#d64545', '#3f9d3f', '#c9a227'];

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
