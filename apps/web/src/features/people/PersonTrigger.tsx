import { type CSSProperties, type ReactNode, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNames } from '../../model/use-names.ts';
import { PopoverOrSheet, PopoverOrSheetContent } from '../../ui/PopoverOrSheet.tsx';
import { PersonCard } from './PersonCard.tsx';
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
  const [open, setOpen] = useState(false);
  const [behind, setBehind] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  if (!userId) return <>{children}</>;
  const button = (
    <button
      type="button"
      className={`${styles.trigger} ${className ?? ''}`}
      style={style}
      aria-label={name === undefined ? undefined : t('profileOf', { name })}
      data-person-id={userId}
    >
      {children}
    </button>
  );
  return (
    <PopoverOrSheet open={open} onOpenChange={setOpen} trigger={button}>
      <CardContent userId={userId} behind={behind}>
        <PersonCard userId={userId} groupId={groupId} onClose={close} onNested={setBehind} />
      </CardContent>
    </PopoverOrSheet>
  );
}

/** The card's popover or sheet, named by the person's name (asked for only while open: names re-render on every change of people). */
function CardContent({ userId, behind, children }: { userId: string; behind: boolean; children: ReactNode }) {
  const names = useNames();
  return (
    <PopoverOrSheetContent
      label={names(userId)}
      side="right"
      align="start"
      sideOffset={8}
      behind={behind}
      popoverClassName={styles.popover}
      sheetClassName={styles.sheet}
    >
      {children}
    </PopoverOrSheetContent>
  );
}
