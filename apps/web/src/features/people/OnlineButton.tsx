import type { Conversation } from '@parley/protocol';
import * as Popover from '@radix-ui/react-popover';
import * as RadixDialog from '@radix-ui/react-dialog';
import { Users } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReturnFocus } from '../../ui/return-focus.ts';
import { OnlineList } from './OnlineList.tsx';
import { hasOnlineList, useOnlineIn } from './use-online-in.ts';
import { useNarrow } from './use-narrow.ts';
import styles from './OnlineList.module.css';

/**
 * In the header of the lobby and of a group that shows presence: how many are online now
 * (live), opening the list of who (a popover; a sheet on a phone). Nothing elsewhere.
 */
export function OnlineButton({ conversation: c }: { conversation: Conversation }) {
  const { t } = useTranslation('people');
  const narrow = useNarrow();
  const [open, setOpen] = useState(false);
  // The sheet opens from a plain button, not a Radix trigger: focus goes back to it by hand.
  const returnFocus = useReturnFocus(open);
  const shown = hasOnlineList(c);
  const list = useOnlineIn(c.id, shown);
  if (!shown || !list) return null;
  const label = t('online.button', { count: list.total });
  const button = (
    <button
      type="button"
      className={styles.button}
      aria-label={label}
      title={label}
      aria-haspopup="dialog"
      onClick={narrow ? () => setOpen(true) : undefined}
    >
      <Users size={17} aria-hidden="true" />
      <span className={styles.dot} aria-hidden="true" />
      <span aria-hidden="true">{list.total}</span>
    </button>
  );
  const panel = <OnlineList conversationId={c.id} list={list} />;

  if (narrow)
    return (
      <>
        {button}
        {open && (
          <RadixDialog.Root open onOpenChange={setOpen}>
            <RadixDialog.Portal>
              <RadixDialog.Overlay className={styles.overlay} />
              <RadixDialog.Content className={styles.sheet} aria-describedby={undefined} {...returnFocus}>
                <RadixDialog.Title className="visually-hidden">
                  {t('online.title', { count: list.total })}
                </RadixDialog.Title>
                {panel}
              </RadixDialog.Content>
            </RadixDialog.Portal>
          </RadixDialog.Root>
        )}
      </>
    );
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>{button}</Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          className={styles.popover}
          side="bottom"
          align="end"
          sideOffset={6}
          collisionPadding={12}
          aria-label={t('online.title', { count: list.total })}
        >
          {panel}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
