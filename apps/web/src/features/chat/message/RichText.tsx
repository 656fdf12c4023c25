import { parseMarkdown, type Token } from '@parley/protocol';
import { memo, useState } from 'react';
import styles from './RichText.module.css';

interface RichTextProps {
  text: string;
  /** My username: mentions of me are highlighted. */
  myUsername: string;
}

/**
 * Message text with Parley's light markdown (the protocol's shared parser), built from React
 * text nodes only: nothing in a message can become markup. Links are http(s)/mailto only
 * (the parser's rule) and open in a new tab.
 */
export const RichText = memo(function RichText({ text, myUsername }: RichTextProps) {
  return <>{renderTokens(parseMarkdown(text), myUsername.toLowerCase())}</>;
});

function renderTokens(tokens: Token[], me: string): React.ReactNode[] {
  return tokens.map((token, i) => {
    switch (token.kind) {
      case 'text':
        return token.text;
      case 'bold':
        return <strong key={i}>{renderTokens(token.children, me)}</strong>;
      case 'italic':
        return <em key={i}>{renderTokens(token.children, me)}</em>;
      case 'code':
        return (
          <code key={i} className={styles.code}>
            {token.text}
          </code>
        );
      case 'codeBlock':
        return (
          <pre key={i} className={styles.block}>
            <code>{token.text}</code>
          </pre>
        );
      case 'link':
        return (
          <a key={i} href={token.href} target="_blank" rel="noopener noreferrer" className={styles.link}>
            {renderTokens(token.children, me)}
          </a>
        );
      case 'mention':
        return (
          <span
            key={i}
            className={
              token.username.toLowerCase() === me ? `${styles.mention} ${styles.me}` : styles.mention
            }
          >
            @{token.username}
          </span>
        );
      case 'emoji':
        return <CustomEmoji key={i} shortcode={token.shortcode} />;
    }
  });
}

/** A server's custom emoji; its `:shortcode:` text when the server has none of that name. */
function CustomEmoji({ shortcode }: { shortcode: string }) {
  const [missing, setMissing] = useState(false);
  if (missing) return `:${shortcode}:`;
  return (
    <img
      className={styles.emoji}
      src={`/emoji/${encodeURIComponent(shortcode)}`}
      alt={`:${shortcode}:`}
      title={`:${shortcode}:`}
      loading="lazy"
      onError={() => setMissing(true)}
    />
  );
}
