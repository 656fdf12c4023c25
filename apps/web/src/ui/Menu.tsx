import * as RadixMenu from '@radix-ui/react-dropdown-menu';
import type { ComponentProps } from 'react';
import styles from './Menu.module.css';

/**
 * The app's dropdown menu: Radix's (keyboard, focus and typeahead handled) with one look.
 * `<Menu trigger={<button …/>}>` with MenuItem and MenuSeparator inside; the content is
 * portalled so no overflow or stacking context of the row that opens it can clip it.
 */
export function Menu({
  trigger,
  children,
  open,
  onOpenChange,
  align = 'end',
  sideOffset = 6,
}: {
  trigger: React.ReactElement;
  children: React.ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  align?: 'start' | 'end';
  sideOffset?: number;
}) {
  return (
    <RadixMenu.Root open={open} onOpenChange={onOpenChange}>
      <RadixMenu.Trigger asChild>{trigger}</RadixMenu.Trigger>
      <RadixMenu.Portal>
        <RadixMenu.Content className={styles.menu} align={align} sideOffset={sideOffset} collisionPadding={8}>
          {children}
        </RadixMenu.Content>
      </RadixMenu.Portal>
    </RadixMenu.Root>
  );
}

/** A menu entry; `danger` for the ones that remove, block or recall. */
export function MenuItem({
  danger,
  className,
  ...props
}: ComponentProps<typeof RadixMenu.Item> & { danger?: boolean }) {
  return (
    <RadixMenu.Item
      className={[styles.item, danger && styles.danger, className].filter(Boolean).join(' ')}
      {...props}
    />
  );
}

export function MenuSeparator() {
  return <RadixMenu.Separator className={styles.separator} />;
}

export const MenuGroup = RadixMenu.Group;
