import type { Member } from '@parley/protocol';
import { useTranslation } from 'react-i18next';
import { Avatar } from '../../../ui/Avatar.tsx';
import styles from './Composer.module.css';

interface MentionListProps {
  id: string;
  members: readonly Member[];
  active: number;
  /** Id of the option at `index`: the text box names the active one in aria-activedescendant. */
  optionId(index: number): string;
  onPick(member: Member): void;
  onHover(index: number): void;
}

/** The @mention suggestions above the text box; the keyboard stays in the text box (arrows, Enter/Tab, Escape). */
export function MentionList({ id, members, active, optionId, onPick, onHover }: MentionListProps) {
  const { t } = useTranslation('composer');
  return (
    <ul id={id} role="listbox" aria-label={t('mention.label')} className={styles.mentions}>
      {members.map((member, index) => (
        <li
          key={member.user.id}
          id={optionId(index)}
          role="option"
          aria-selected={index === active}
          className={`${styles.mention} ${index === active ? styles.mentionActive : ''}`}
          // mousedown, not click: the text box keeps its focus and caret.
          onMouseDown={(e) => {
            e.preventDefault();
            onPick(member);
          }}
          onMouseMove={() => onHover(index)}
        >
          <Avatar src={member.user.avatarSmall} name={member.user.displayName} size={28} />
          <span className={styles.mentionName}>{member.user.displayName}</span>
          <span className={styles.mentionUser}>@{member.user.username}</span>
        </li>
      ))}
    </ul>
  );
}
