import * as Popover from '@radix-ui/react-popover';
import * as RadixDialog from '@radix-ui/react-dialog';
import { type CSSProperties, type ReactNode, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNames } from '../../model/use-names.ts';
import { useReturnFocus } from '../../ui/return-focus.ts';
import { PersonCard } from './PersonCard.tsx';
import { useNarrow } from './use-narrow.ts';
import styles from './PersonCard.module.css';

interface PersonTriggerProps {
  /** Whose card; null (a notice) renders the children as they are. */
  userId: string | null;
  /** Opened from a group: the card offers the member actions my role allows. */
  groupId?: string;
  /** Names the button for a screen reader when its content is only a picture ("Bob's profile"). */
  name?: string;
  className?: string;
  style?: CSSProperties;
  children: ReactNode;
}

/**
 * Makes a picture, a name or a whole row open that person's card: a popover beside it on a
 * wide screen, a sheet from the bottom on a phone. The card exists only while open, so a
 * long list of triggers costs a button each.
 */
export function PersonTrigger({ userId, groupId, name, className, style, children }: PersonTriggerProps) {
  const { t } = useTranslation('people');
  const narrow = useNarrow();
  const [open, setOpen] = useState(false);
  const [behind, setBehind] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  // The sheet opens from a plain button, not a Radix trigger: focus goes back to it by hand.
  const returnFocus = useReturnFocus(open);
  if (!userId) return <>{children}</>;
  const button = (
    <button
      type="button"
      className={`${styles.trigger} ${className ?? ''}`}
      style={style}
      aria-label={name === undefined ? undefined : t('profileOf', { name })}
      aria-haspopup="dialog"
      data-person-id={userId}
      onClick={narrow ? () => setOpen(true) : undefined}
    >
      {children}
    </button>
  );
  const card = <PersonCard userId={userId} groupId={groupId} onClose={close} onNested={setBehind} />;

  if (narrow)
    return (
      <>
        {button}
        {open && (
          <RadixDialog.Root open onOpenChange={setOpen}>
            <RadixDialog.Portal>
              <RadixDialog.Overlay className={styles.sheetOverlay} />
              <RadixDialog.Content className={styles.sheet} aria-describedby={undefined} {...returnFocus}>
                <SheetTitle userId={userId} />
                {card}
              </RadixDialog.Content>
            </RadixDialog.Portal>
          </RadixDialog.Root>
        )}
      </>
    );

  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>{button}</Popover.Trigger>
      {open && (
        <Popover.Portal>
          <CardPopover userId={userId} behind={behind}>
            {card}
          </CardPopover>
        </Popover.Portal>
      )}
    </Popover.Root>
  );
}

/** The popover, named by the person's name (asked for only while open: names re-render on every change of people). */
function CardPopover({ userId, behind, children }: { userId: string; behind: boolean; children: ReactNode }) {
  const names = useNames();
  return (
    <Popover.Content
      className={styles.popover}
      data-behind={behind || undefined}
      side="right"
      align="start"
      sideOffset={8}
      collisionPadding={12}
      aria-label={names(userId)}
    >
      {children}
    </Popover.Content>
  );
}

/** The sheet's title for screen readers: the person's name. */
function SheetTitle({ userId }: { userId: string }) {
  const names = useNames();
  return <RadixDialog.Title className="visually-hidden">{names(userId)}</RadixDialog.Title>;
}
