import type { Attachment, SearchResult } from '@parley/protocol';
import { FileText, Image as ImageIcon, Mic } from 'lucide-react';
import { conversationOf } from '@parley/sdk';
import { useTranslation } from 'react-i18next';
import { useNames } from '../../model/use-names.ts';
import { useSessionState } from '../../model/use-session-state.ts';
import { Avatar } from '../../ui/Avatar.tsx';
import { conversationAvatar, conversationTitle } from '../../util/conversation-title.ts';
import { listTime } from '../../util/format-time.ts';
import { Highlighted } from './Highlighted.tsx';
import styles from './Search.module.css';

interface ResultRowProps {
  result: SearchResult;
  /** Searching one conversation: its name is left out and the sender leads instead. */
  inConversation: boolean;
  onOpen(result: SearchResult): void;
}

/** One found message: where (conversation), who, when, and the snippet with its matches marked. */
export function ResultRow({ result, inConversation, onOpen }: ResultRowProps) {
  const { t } = useTranslation('search');
  const names = useNames();
  const { message, snippet } = result;
  const conversation = useSessionState((s) => conversationOf(s, message.conversationId));
  const friends = useSessionState((s) => s.friends);
  const me = useSessionState((s) => s.me);
  // Someone not met yet is asked for by `names` (and shows once the session has them).
  const user = useSessionState((s) => (message.senderId === null ? undefined : s.users[message.senderId]));
  const sender = names(message.senderId);
  const title = inConversation
    ? sender
    : conversation
      ? conversationTitle(conversation, { friends })
      : t('unknownChat');
  const author = message.senderId === null ? null : message.senderId === me.id ? me : user;
  const avatar = inConversation
    ? (author?.avatarSmall ?? null)
    : conversation
      ? conversationAvatar(conversation)
      : null;
  // The picture's initial comes from the real name, never from "You".
  const avatarName = inConversation ? (author?.displayName ?? sender) : title;
  return (
    <li>
      <button
        type="button"
        className={styles.result}
        data-testid="search-result"
        data-conversation-id={message.conversationId}
        data-seq={message.seq}
        onClick={() => onOpen(result)}
      >
        <Avatar src={avatar} name={avatarName} size={40} />
        <span className={styles.body}>
          <span className={styles.row}>
            <span className={styles.title}>{title}</span>
            <time className={styles.time} dateTime={message.createdAt}>
              {listTime(message.createdAt)}
            </time>
          </span>
          <span className={styles.snippet}>
            {!inConversation && sender && <span className={styles.sender}>{sender}: </span>}
            <Highlighted snippet={snippet} />
          </span>
          {message.attachment && <AttachmentLine attachment={message.attachment} />}
        </span>
      </button>
    </li>
  );
}

const icons = { image: ImageIcon, voice: Mic, file: FileText } as const;

/** The file a found message carries (its caption or its name may be what matched). */
function AttachmentLine({ attachment }: { attachment: Attachment }) {
  const { t } = useTranslation('chat');
  const Icon = icons[attachment.kind];
  const label = attachment.kind === 'voice' ? t('preview.voice') : attachment.name;
  return (
    <span className={styles.attachment} data-testid="result-attachment">
      <Icon size={14} aria-hidden="true" />
      <span>{label}</span>
    </span>
  );
}
