import type { Conversation } from '@parley/protocol';
import { Users } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PopoverOrSheet, PopoverOrSheetContent } from '../../ui/PopoverOrSheet.tsx';
import { OnlineList } from './OnlineList.tsx';
import { hasOnlineList, useOnlineIn } from './use-online-in.ts';
import styles from './OnlineList.module.css';

/**
 * In the header of the lobby and of a group that shows presence: how many are online now
 * (live), opening the list of who (a popover; a sheet on a phone). Nothing elsewhere.
 */
export function OnlineButton({ conversation: c }: { conversation: Conversation }) {
  const { t } = useTranslation('people');
  const [open, setOpen] = useState(false);
  const shown = hasOnlineList(c);
  const list = useOnlineIn(c.id, shown);
  if (!shown || !list) return null;
  const label = t('online.button', { count: list.total });
  const button = (
    <button type="button" className={styles.button} aria-label={label} title={label}>
      <Users size={17} aria-hidden="true" />
      <span className={styles.dot} aria-hidden="true" />
      <span aria-hidden="true">{list.total}</span>
    </button>
  );
  return (
    <PopoverOrSheet open={open} onOpenChange={setOpen} trigger={button}>
      <PopoverOrSheetContent
        label={t('online.title', { count: list.total })}
        side="bottom"
        align="end"
        sideOffset={6}
        popoverClassName={styles.popover}
        sheetClassName={styles.sheet}
      >
        <OnlineList conversationId={c.id} list={list} />
      </PopoverOrSheetContent>
    </PopoverOrSheet>
  );
}
