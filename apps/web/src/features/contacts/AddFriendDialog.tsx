import type { PublicUser } from '@parley/protocol';
import { limits } from '@parley/protocol';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../model/app-context.ts';
import { useSessionState } from '../../model/use-session-state.ts';
import { Avatar } from '../../ui/Avatar.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { SearchField } from '../../ui/SearchField.tsx';
import { toast } from '../../ui/toast.tsx';
import { refusalText } from '../groups/refusal.ts';
import { textProblem } from './one-line.ts';
import { openFriendChat } from './open-friend-chat.ts';
import { useSearch } from './use-search.ts';
import styles from './People.module.css';

/**
 * Finds people by name or @username and sends one a friend request with a short note. When
 * they had already asked me, the server makes us friends at once and the chat opens.
 */
export function AddFriendDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
}) {
  const { t } = useTranslation('contacts');
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState<PublicUser | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  useEffect(() => {
    if (!open) {
      setQuery('');
      setPicked(null);
      setSentTo(null);
    }
  }, [open]);
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t('add.title')}>
      {picked ? (
        <RequestForm
          user={picked}
          onBack={() => setPicked(null)}
          onSent={(name) => {
            setSentTo(name);
            setPicked(null);
          }}
          onFriends={() => onOpenChange(false)}
        />
      ) : (
        <UserSearch
          query={query}
          setQuery={setQuery}
          sentTo={sentTo}
          onFriends={() => onOpenChange(false)}
          onPick={(u) => {
            setSentTo(null);
            setPicked(u);
          }}
        />
      )}
    </Dialog>
  );
}

function UserSearch({
  query,
  setQuery,
  sentTo,
  onPick,
  onFriends,
}: {
  query: string;
  setQuery(q: string): void;
  sentTo: string | null;
  onPick(user: PublicUser): void;
  onFriends(): void;
}) {
  const { t } = useTranslation('contacts');
  const { session } = useSession();
  const me = useSessionState((s) => s.me.id);
  const friends = useSessionState((s) => s.friends);
  const incoming = useSessionState((s) => s.incoming);
  const outgoing = useSessionState((s) => s.outgoing);
  const search = useSearch(query, async (q) => (await session.people.search({ q })).users);
  const [accepting, setAccepting] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const askedMe = (u: PublicUser) => incoming.find((r) => r.from.id === u.id && r.status === 'pending');
  /** They asked me first: accept their request rather than sending one back. */
  const accept = async (u: PublicUser) => {
    const request = askedMe(u);
    if (!request) return onPick(u);
    setAccepting(u.id);
    setError(null);
    try {
      const friend = await session.people.accept(request.id);
      toast(t('add.accepted', { name: u.displayName }));
      onFriends();
      openFriendChat(session, friend.conversationId);
    } catch (err) {
      setError(refusalText(err));
    } finally {
      setAccepting(null);
    }
  };
  /** Why this person cannot be asked (a note instead of the button), or whether they asked me. */
  const status = (u: PublicUser): 'you' | 'alreadyFriend' | 'requestSent' | 'askedYou' | null => {
    if (u.id === me) return 'you';
    if (friends.some((f) => f.user.id === u.id)) return 'alreadyFriend';
    if (outgoing.some((r) => r.to.id === u.id && r.status === 'pending')) return 'requestSent';
    if (askedMe(u)) return 'askedYou';
    return null;
  };
  return (
    <div className={styles.form}>
      <SearchField
        value={query}
        onChange={setQuery}
        label={t('add.searchLabel')}
        placeholder={t('add.searchPlaceholder')}
        autoFocus
        maxLength={limits.searchQueryMax}
      />
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
      {sentTo && (
        <p className={styles.success} role="status">
          {t('add.sent', { name: sentTo })}
        </p>
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
          <p className={styles.emptySmall}>{search.busy ? t('common:loading') : t('add.hint')}</p>
        ) : search.results.length === 0 ? (
          <p className={styles.emptySmall}>{t('add.noResults')}</p>
        ) : (
          <ul className={styles.result} role="list" aria-label={t('add.results')}>
            {search.results.map((u) => {
              const state = status(u);
              return (
                <li key={u.id} className={styles.card}>
                  <Avatar src={u.avatarSmall} name={u.displayName} size={40} />
                  <span className={styles.body}>
                    <span className={styles.name}>{u.displayName}</span>
                    <span className={styles.sub}>
                      @{u.username}
                      {state === 'askedYou' && ` · ${t('add.askedYou')}`}
                    </span>
                  </span>
                  {state && state !== 'askedYou' ? (
                    <span className={styles.done}>{t(`add.${state}`)}</span>
                  ) : (
                    <Button
                      variant="primary"
                      busy={accepting === u.id}
                      onClick={() => (state === 'askedYou' ? void accept(u) : onPick(u))}
                      aria-label={t(state ? 'add.acceptNamed' : 'add.addNamed', { name: u.displayName })}
                    >
                      {state ? t('add.accept') : t('add.add')}
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </div>
  );
}

/** The note and Send of a friend request to one person (also in a person's card). */
export function RequestForm({
  user,
  onBack,
  onSent,
  onFriends,
}: {
  user: PublicUser;
  onBack(): void;
  onSent(name: string): void;
  onFriends(): void;
}) {
  const { t } = useTranslation('contacts');
  const { session } = useSession();
  const myName = useSessionState((s) => s.me.displayName);
  const [note, setNote] = useState(() => t('add.defaultNote', { name: myName }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const problem = textProblem(note, limits.requestNoteMax);
  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      const result = await session.people.request(user.id, note.trim());
      if (result.status === 'accepted' && result.friend) {
        toast(t('add.nowFriends', { name: user.displayName }));
        onFriends();
        openFriendChat(session, result.friend.conversationId);
      } else {
        onSent(user.displayName);
      }
    } catch (err) {
      setError(refusalText(err));
      setBusy(false);
    }
  };
  const noteId = 'friend-request-note';
  return (
    <form className={styles.form} onSubmit={(e) => void send(e)}>
      <div className={styles.selected}>
        <Avatar src={user.avatarSmall} name={user.displayName} size={44} />
        <span className={styles.body}>
          <span className={styles.name}>{user.displayName}</span>
          <span className={styles.sub}>@{user.username}</span>
          {user.bio && <span className={styles.sub}>{user.bio}</span>}
        </span>
      </div>
      <div className={styles.stack}>
        <label className={styles.label} htmlFor={noteId}>
          {t('add.note')}
        </label>
        <input
          id={noteId}
          className={styles.textarea}
          style={{ minHeight: 40 }}
          value={note}
          autoFocus
          onChange={(e) => setNote(e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${noteId}-count`}
        />
        <span id={`${noteId}-count`} className={styles.counter}>
          {note.length}/{limits.requestNoteMax}
        </span>
      </div>
      {(error ?? problem) && (
        <p className={styles.error} role="alert">
          {error ?? problem}
        </p>
      )}
      <div className={styles.actions}>
        <Button onClick={onBack} disabled={busy}>
          {t('common:back')}
        </Button>
        <Button type="submit" variant="primary" busy={busy} disabled={!!problem}>
          {t('add.send')}
        </Button>
      </div>
    </form>
  );
}
