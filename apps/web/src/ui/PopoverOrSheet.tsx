import * as Popover from '@radix-ui/react-popover';
import * as RadixDialog from '@radix-ui/react-dialog';
import {
  type ButtonHTMLAttributes,
  type ReactElement,
  type ReactNode,
  cloneElement,
  createContext,
  useContext,
} from 'react';
import styles from './PopoverOrSheet.module.css';
import { useReturnFocus } from './return-focus.ts';
import { useNarrow } from './use-narrow.ts';

/** What the content needs of its PopoverOrSheet. */
interface Shared {
  narrow: boolean;
  returnFocus: ReturnType<typeof useReturnFocus>;
}

const SharedContext = createContext<Shared | null>(null);

interface PopoverOrSheetProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  /** The button that opens it; it gets aria-haspopup="dialog", and on a phone its click. */
  trigger: ReactElement<ButtonHTMLAttributes<HTMLButtonElement>>;
  /** A PopoverOrSheetContent. */
  children: ReactNode;
}

/**
 * What a button opens: a popover anchored to it on a wide screen, a sheet from the bottom on a
 * phone (use-narrow.ts). Both close on Escape and a click outside (Radix). The popover is
 * Radix's own trigger, which gives focus back by itself; the sheet opens from the plain button
 * and is mounted only while open, so focus goes back to it by hand (return-focus.ts).
 *
 * `PopoverOrSheet` holds the button; `PopoverOrSheetContent` inside it is what opens, rendered
 * only while open, so a caller may read what names it (a hook) only then.
 */
export function PopoverOrSheet({ open, onOpenChange, trigger, children }: PopoverOrSheetProps) {
  const narrow = useNarrow();
  const returnFocus = useReturnFocus(open);
  const button = cloneElement(trigger, {
    'aria-haspopup': 'dialog',
    onClick: narrow ? () => onOpenChange(true) : undefined,
  });
  const content = open && (
    <SharedContext.Provider value={{ narrow, returnFocus }}>{children}</SharedContext.Provider>
  );
  if (narrow)
    return (
      <>
        {button}
        {open && (
          <RadixDialog.Root open onOpenChange={onOpenChange}>
            {content}
          </RadixDialog.Root>
        )}
      </>
    );
  return (
    <Popover.Root open={open} onOpenChange={onOpenChange}>
      <Popover.Trigger asChild>{button}</Popover.Trigger>
      {open && <Popover.Portal>{content}</Popover.Portal>}
    </Popover.Root>
  );
}

interface PopoverOrSheetContentProps {
  /** The popover's aria-label; the sheet's (visually hidden) title. */
  label: string;
  /** Where the popover sits against the button. */
  side: 'top' | 'right' | 'bottom' | 'left';
  align: 'start' | 'center' | 'end';
  sideOffset: number;
  /** The caller's own look: the popover's width, the sheet's height, … */
  popoverClassName?: string;
  sheetClassName?: string;
  /** One of its dialogs is open on top: the popover steps out of its way. */
  behind?: boolean;
  children: ReactNode;
}

export function PopoverOrSheetContent(props: PopoverOrSheetContentProps) {
  const shared = useContext(SharedContext);
  if (!shared) throw new Error('PopoverOrSheetContent goes inside a PopoverOrSheet');
  const { label, popoverClassName = '', sheetClassName = '', children } = props;
  if (shared.narrow)
    return (
      <RadixDialog.Portal>
        <RadixDialog.Overlay className={styles.overlay} />
        <RadixDialog.Content
          className={`${styles.sheet} ${sheetClassName}`}
          aria-describedby={undefined}
          {...shared.returnFocus}
        >
          <RadixDialog.Title className="visually-hidden">{label}</RadixDialog.Title>
          {children}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    );
  return (
    <Popover.Content
      className={`${styles.popover} ${popoverClassName}`}
      data-behind={props.behind || undefined}
      side={props.side}
      align={props.align}
      sideOffset={props.sideOffset}
      collisionPadding={12}
      aria-label={label}
    >
      {children}
    </Popover.Content>
  );
}
