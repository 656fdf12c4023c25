import { limits } from '@parley/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/Dialog.tsx';
import { SearchField } from '../../ui/SearchField.tsx';
import { MessageResults } from './MessageResults.tsx';
import styles from './Search.module.css';

interface ConversationSearchDialogProps {
  conversationId: string;
  /** The conversation's name as the header shows it. */
  title: string;
  open: boolean;
  onOpenChange(open: boolean): void;
}

/** Search within one conversation, opened from its header; opening a result closes it. */
export function ConversationSearchDialog({
  conversationId,
  title,
  open,
  onOpenChange,
}: ConversationSearchDialogProps) {
  const { t } = useTranslation('search');
  const [query, setQuery] = useState('');
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t('inChat.title', { name: title })}>
      <div className={styles.dialog}>
        <SearchField
          value={query}
          onChange={setQuery}
          label={t('inChat.label')}
          placeholder={t('inChat.placeholder')}
          maxLength={limits.searchQueryMax}
          enterKeyHint="search"
          clearOnEscape
          autoFocus
        />
        {query.trim() ? (
          <MessageResults
            query={query}
            conversationId={conversationId}
            onOpened={() => onOpenChange(false)}
          />
        ) : (
          <p className={styles.note}>{t('inChat.hint')}</p>
        )}
      </div>
    </Dialog>
  );
}
