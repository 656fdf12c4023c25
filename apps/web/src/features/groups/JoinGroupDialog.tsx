import type { GroupSummary } from '@parley/protocol';
import { limits } from '@parley/protocol';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../model/app-context.ts';
import { useSessionState } from '../../model/use-session-state.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { SearchField } from '../../ui/SearchField.tsx';
import { useSearch } from '../contacts/use-search.ts';
import { GroupCard } from './GroupCard.tsx';
import { groupIdFrom } from './group-link.ts';
import { refusalText } from './refusal.ts';
import styles from '../contacts/People.module.css';

/**
 * Finds a group to join: the server's listed groups by name (invite-only ones are never
 * listed), or one group by the id or link someone shared.
 */
export function JoinGroupDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
}) {
  const { t } = useTranslation('groups');
  const { session } = useSession();
  const [query, setQuery] = useState('');
  const [link, setLink] = useState('');
  const [found, setFound] = useState<GroupSummary | null>(null);
  const [linkError, setLinkError] = useState<string | null>(null);
  const [looking, setLooking] = useState(false);
  const search = useSearch(query, async (q) => (await session.groups.search({ q })).groups, {
    enabled: open,
    searchEmpty: true,
  });
  // The lobby is never listed by search; offer it to someone who left it (if the server has one).
  const inLobby = useSessionState((s) => s.conversations.some((c) => c.kind === 'lobby'));
  const [lobby, setLobby] = useState<GroupSummary | null>(null);
  useEffect(() => {
    if (!open || inLobby) return setLobby(null);
    let live = true;
    session.groups.preview('lobby').then(
      (g) => live && setLobby(g),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [open, inLobby, session]);
  useEffect(() => {
    if (!open) {
      setQuery('');
      setLink('');
      setFound(null);
      setLinkError(null);
    }
  }, [open]);

  const lookUp = async (e: FormEvent) => {
    e.preventDefault();
    const id = groupIdFrom(link);
    setFound(null);
    if (!id) return setLinkError(t('join.badLink'));
    setLooking(true);
    setLinkError(null);
    try {
      setFound(await session.groups.preview(id));
    } catch (err) {
      setLinkError(refusalText(err));
    } finally {
      setLooking(false);
    }
  };
  const close = () => onOpenChange(false);

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t('join.title')} wide>
      <div className={styles.form}>
        <SearchField
          value={query}
          onChange={setQuery}
          label={t('join.searchLabel')}
          placeholder={t('join.searchPlaceholder')}
          autoFocus
          maxLength={limits.searchQueryMax}
        />
        {lobby && (
          <ul className={styles.result} role="list" aria-label={t('join.lobby')}>
            <GroupCard group={lobby} onJoined={close} />
          </ul>
        )}
        <div aria-live="polite" aria-busy={search.busy}>
          {search.error ? (
            <p className={styles.error} role="alert">
              {search.error}{' '}
              <Button variant="ghost" onClick={search.retry}>
                {t('common:retry')}
              </Button>
            </p>
          ) : search.results === null ? (
            <p className={styles.emptySmall}>{t('common:loading')}</p>
          ) : search.results.length === 0 ? (
            <p className={styles.emptySmall}>{t('join.noResults')}</p>
          ) : (
            <ul className={styles.result} role="list" aria-label={t('join.results')}>
              {search.results.map((g) => (
                <GroupCard key={g.id} group={g} onJoined={close} />
              ))}
            </ul>
          )}
        </div>
        <form className={styles.form} onSubmit={(e) => void lookUp(e)}>
          <div className={styles.stack}>
            <label className={styles.label} htmlFor="join-group-link">
              {t('join.byLink')}
            </label>
            <div className={styles.inline}>
              <input
                id="join-group-link"
                className={styles.input}
                value={link}
                placeholder={t('join.linkPlaceholder')}
                onChange={(e) => setLink(e.target.value)}
                aria-invalid={linkError ? true : undefined}
                aria-describedby={linkError ? 'join-group-link-error' : undefined}
              />
              <Button type="submit" busy={looking} disabled={!link.trim()}>
                {t('join.find')}
              </Button>
            </div>
            {linkError && (
              <p id="join-group-link-error" className={styles.error} role="alert">
                {linkError}
              </p>
            )}
          </div>
        </form>
        {found && (
          <ul className={styles.result} role="list" aria-label={t('join.linkResult')}>
            <GroupCard group={found} onJoined={close} />
          </ul>
        )}
      </div>
    </Dialog>
  );
}
