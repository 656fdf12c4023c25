import type { Block } from '@parley/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../model/app-context.ts';
import { useSessionState } from '../../model/use-session-state.ts';
import { Avatar } from '../../ui/Avatar.tsx';
import { Button } from '../../ui/Button.tsx';
import { toast } from '../../ui/toast.tsx';
import { listTime } from '../../util/format-time.ts';
import { refusalText } from '../groups/refusal.ts';
import section from '../settings/Section.module.css';
import styles from '../contacts/People.module.css';

/**
 * The people I blocked (from any of my devices: the session hears `user.blocked`), each with
 * Unblock. Unblocking does not make us friends again; it lets them message and ask again.
 */
export function BlockedList() {
  const { t } = useTranslation('people');
  const blocks = useSessionState((s) => s.blocks);
  const loaded = useSessionState((s) => s.loaded.blocks);
  return (
    <div className={section.group}>
      <h3 className={section.heading} id="blocked-people">
        {t('blocked.title')}
      </h3>
      <p className={section.note}>{t('blocked.hint')}</p>
      {blocks.length === 0 ? (
        <p className={section.note}>{loaded ? t('blocked.none') : t('common:loading')}</p>
      ) : (
        <ul className={styles.list} aria-labelledby="blocked-people">
          {blocks.map((b) => (
            <BlockedRow key={b.user.id} block={b} />
          ))}
        </ul>
      )}
    </div>
  );
}

function BlockedRow({ block }: { block: Block }) {
  const { t } = useTranslation('people');
  const { session } = useSession();
  const [busy, setBusy] = useState(false);
  const { user } = block;
  const unblock = async () => {
    setBusy(true);
    try {
      await session.people.unblock(user.id);
      toast(t('unblocked', { name: user.displayName }));
    } catch (err) {
      toast(refusalText(err), 'error');
      setBusy(false);
    }
  };
  return (
    <li className={styles.row} data-testid="blocked" data-user-id={user.id}>
      <span className={styles.static}>
        <Avatar src={user.avatarSmall} name={user.displayName} size={38} />
        <span className={styles.body}>
          <span className={styles.line}>
            <span className={styles.name}>{user.displayName}</span>
            <span className={styles.username}>@{user.username}</span>
          </span>
          <span className={styles.sub}>{t('blocked.since', { time: listTime(block.since) })}</span>
        </span>
      </span>
      <Button
        busy={busy}
        onClick={() => void unblock()}
        aria-label={t('blocked.unblockNamed', { name: user.displayName })}
      >
        {t('unblock')}
      </Button>
    </li>
  );
}
