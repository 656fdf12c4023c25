import { MessagesSquare, UserPlus, Users, UsersRound } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useSessionState } from '../../model/use-session-state.ts';
import { Button } from '../../ui/Button.tsx';
import { openConversation } from '../../util/route.ts';
import { useStartDialogs } from './StartDialogs.tsx';
import { useLobbyId } from './use-newcomer.ts';
import styles from './FirstSteps.module.css';

/**
 * The way in for someone who knows nobody here yet: find people and add them, join a group or
 * start one, or say hello in the lobby. Fills the empty chat pane; `compact` under the chat list.
 */
export function FirstSteps({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation('people');
  const me = useSessionState((s) => s.me.displayName);
  const lobbyId = useLobbyId();
  const start = useStartDialogs();
  const steps = [
    { id: 'addFriend', icon: UserPlus, primary: true, act: () => start.open('addFriend') },
    { id: 'joinGroup', icon: Users, primary: false, act: () => start.open('joinGroup') },
    { id: 'createGroup', icon: UsersRound, primary: false, act: () => start.open('createGroup') },
  ] as const;
  return (
    <section
      className={compact ? `${styles.steps} ${styles.compact}` : styles.steps}
      aria-labelledby={compact ? 'first-steps-compact' : 'first-steps'}
      data-testid={compact ? 'first-steps-list' : 'first-steps'}
    >
      <h2 className={styles.title} id={compact ? 'first-steps-compact' : 'first-steps'}>
        {compact ? t('welcome.compactTitle') : t('welcome.title', { name: me })}
      </h2>
      <p className={styles.lead}>{compact ? t('welcome.compactLead') : t('welcome.lead')}</p>
      <ul className={styles.list}>
        {steps.map(({ id, icon: Icon, primary, act }) => (
          <li key={id} className={styles.step}>
            {!compact && (
              <span className={styles.icon} aria-hidden="true">
                <Icon size={22} />
              </span>
            )}
            {!compact && <span className={styles.text}>{t(`welcome.${id}Hint`)}</span>}
            <Button variant={primary ? 'primary' : 'secondary'} onClick={act}>
              {compact && <Icon size={16} aria-hidden="true" />}
              {t(`welcome.${id}`)}
            </Button>
          </li>
        ))}
        {lobbyId && (
          <li className={styles.step}>
            {!compact && (
              <span className={styles.icon} aria-hidden="true">
                <MessagesSquare size={22} />
              </span>
            )}
            {!compact && <span className={styles.text}>{t('welcome.lobbyHint')}</span>}
            <Button variant="ghost" onClick={() => openConversation(lobbyId)}>
              {compact && <MessagesSquare size={16} aria-hidden="true" />}
              {t('welcome.lobby')}
            </Button>
          </li>
        )}
      </ul>
      {start.dialogs}
    </section>
  );
}
