import type { SearchSnippet } from '@parley/protocol';
import { splitHighlights } from './highlight.ts';
import styles from './Search.module.css';

/** A snippet with its matches in <mark>, built from text nodes only (no HTML from the server). */
export function Highlighted({ snippet }: { snippet: SearchSnippet }) {
  return (
    <>
      {splitHighlights(snippet.text, snippet.highlights).map((piece, i) =>
        piece.mark ? (
          <mark key={i} className={styles.mark}>
            {piece.text}
          </mark>
        ) : (
          <span key={i}>{piece.text}</span>
        ),
      )}
    </>
  );
}
