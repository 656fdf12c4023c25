import type { ReactNode } from 'react';

/**
 * Read by screen readers, not drawn: a heading where the screen has no visible title, a label
 * an icon already shows. The `visually-hidden` class is in styles/base.css.
 */
export function VisuallyHidden({
  as: Tag = 'span',
  children,
}: {
  as?: 'span' | 'h1' | 'h2' | 'header';
  children: ReactNode;
}) {
  return <Tag className="visually-hidden">{children}</Tag>;
}
