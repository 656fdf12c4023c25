import type { Message } from '@parley/protocol';
import { Forward, Trash2, X } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useConversationView } from '../../../model/use-session-state.ts';
import { Button, IconButton } from '../../../ui/Button.tsx';
import type { MessageToolActions } from './use-message-tools.ts';
import styles from './SelectionBar.module.css';

interface SelectionBarProps {
  conversationId: string;
  selection: ReadonlySet<string>;
  actions: MessageToolActions;
  /** A dialog is open over the chat: Escape is its own then. */
  dialogOpen: boolean;
}

/**
 * In place of the composer while messages are being picked: how many, Forward for them in the
 * chat's order, Delete (for me), and Cancel (or Escape) to leave.
 */
export function SelectionBar({ conversationId, selection, actions, dialogOpen }: SelectionBarProps) {
  const { t } = useTranslation('chat');
  const view = useConversationView(conversationId);
  // In the chat's order; one recalled meanwhile cannot go anywhere any more.
  const picked: Message[] = view.messages.filter((m) => selection.has(m.id));
  const forwardable = picked.filter((m) => !m.recalledAt);

  useEffect(() => {
    if (dialogOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) actions.endSelection();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [actions, dialogOpen]);

  return (
    <div className={styles.bar} role="toolbar" aria-label={t('select.label')}>
      <IconButton label={t('select.cancel')} onClick={actions.endSelection}>
        <X size={20} aria-hidden="true" />
      </IconButton>
      <span className={styles.count} aria-live="polite" data-testid="selection-count">
        {t('select.count', { count: picked.length })}
      </span>
      {/* Where the bar is narrow the buttons show only their icons; their names stay for screen readers. */}
      <Button
        aria-label={t('actions.forward')}
        title={t('actions.forward')}
        disabled={forwardable.length === 0}
        onClick={() => actions.forward(forwardable)}
      >
        <Forward size={17} aria-hidden="true" />
        <span className={styles.label}>{t('actions.forward')}</span>
      </Button>
      <Button
        aria-label={t('actions.hide')}
        title={t('actions.hide')}
        disabled={picked.length === 0}
        onClick={() => actions.hide(picked)}
      >
        <Trash2 size={17} aria-hidden="true" />
        <span className={styles.label}>{t('select.delete')}</span>
      </Button>
    </div>
  );
}
