import { conversationOf, nameOf } from '@parley/sdk';
import { Ban, MessageSquare, PencilLine, ShieldCheck, UserCheck, UserPlus, UserCog } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../model/app-context.ts';
import { useSessionState } from '../../model/use-session-state.ts';
import { Button } from '../../ui/Button.tsx';
import { toast } from '../../ui/toast.tsx';
import { openConversation } from '../../util/route.ts';
import { openFriendChat } from '../contacts/open-friend-chat.ts';
import { RemarkDialog } from '../contacts/RemarkDialog.tsx';
import { ConfirmDialog } from '../groups/ConfirmDialog.tsx';
import { MemberMenu, memberPowers } from '../groups/MemberMenu.tsx';
import { refusalText } from '../groups/refusal.ts';
import { useAnyoneMayMessage } from './use-dm-policy.ts';
import type { Person } from './use-person.ts';
import styles from './PersonCard.module.css';

interface PersonActionsProps {
  person: Person;
  groupId: string | undefined;
  /** Shows the friend request form (with its note) in the card. */
  onAsk(): void;
  onClose(): void;
  onNested: ((open: boolean) => void) | undefined;
}

type Nested = 'remark' | 'block' | null;

/**
 * What I can do with this person, as far as we stand: a friend gets Message, Remark and
 * Block; someone else Add friend (or Accept, or "Request sent"), Message when we have a chat
 * or the server lets anyone start one, and Block; someone I blocked, Unblock. Opened from a
 * group I run, the member actions my role allows come last.
 */
export function PersonActions({ person, groupId, onAsk, onClose, onNested }: PersonActionsProps) {
  const { t } = useTranslation('people');
  const { session } = useSession();
  const me = useSessionState((s) => s.me.id);
  const group = useSessionState((s) => (groupId ? conversationOf(s, groupId) : undefined));
  const member = useSessionState((s) =>
    groupId ? s.members[groupId]?.find((m) => m.user.id === person.user?.id) : undefined,
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [nested, setNested] = useState<Nested>(null);
  const { user, friend, blocked, self, direct } = person;
  const anyone = useAnyoneMayMessage(!self && !friend && !direct && !blocked);
  // Also when the card goes (a kick, a block) with a dialog open: the card must not stay hidden.
  useEffect(() => {
    if (nested === null) return;
    onNested?.(true);
    return () => onNested?.(false);
  }, [nested, onNested]);
  if (!user || self) return null;
  const name = friend ? nameOf(friend) : user.displayName;

  const act = async (which: string, run: () => Promise<unknown>) => {
    setBusy(which);
    setError(null);
    try {
      await run();
    } catch (err) {
      setError(refusalText(err));
    } finally {
      setBusy(null);
    }
  };
  const message = () =>
    act('message', async () => {
      if (friend) openFriendChat(session, friend.conversationId);
      else openConversation(direct?.id ?? (await session.chats.openDirect(user.id)).id);
      onClose();
    });
  const accept = () =>
    act('accept', async () => {
      const made = await session.people.accept(person.askedMe!.id);
      toast(t('contacts:add.accepted', { name: user.displayName }));
      openFriendChat(session, made.conversationId);
      onClose();
    });
  const unblock = () =>
    act('unblock', async () => {
      await session.people.unblock(user.id);
      toast(t('unblocked', { name }));
    });
  const canMessage = !blocked && (friend || direct || anyone);
  const manage = group && member && memberPowers(group, member, me).any;

  return (
    <>
      <div className={styles.actions}>
        {blocked ? (
          <>
            <p className={styles.note}>{t('youBlocked')}</p>
            <Button variant="primary" busy={busy === 'unblock'} onClick={() => void unblock()}>
              <ShieldCheck size={16} aria-hidden="true" /> {t('unblock')}
            </Button>
          </>
        ) : (
          <>
            {canMessage && (
              <Button variant="primary" busy={busy === 'message'} onClick={() => void message()}>
                <MessageSquare size={16} aria-hidden="true" /> {t('message')}
              </Button>
            )}
            {!friend &&
              (person.askedMe ? (
                <Button variant="primary" busy={busy === 'accept'} onClick={() => void accept()}>
                  <UserCheck size={16} aria-hidden="true" /> {t('accept')}
                </Button>
              ) : person.requested ? (
                <span className={styles.done}>{t('contacts:add.requestSent')}</span>
              ) : (
                <Button variant={canMessage ? 'secondary' : 'primary'} onClick={onAsk}>
                  <UserPlus size={16} aria-hidden="true" /> {t('addFriend')}
                </Button>
              ))}
            {friend && (
              <Button onClick={() => setNested('remark')}>
                <PencilLine size={16} aria-hidden="true" /> {t('remark')}
              </Button>
            )}
          </>
        )}
      </div>
      {person.askedMe && !friend && !blocked && person.askedMe.note && (
        <p className={styles.note}>{t('theirNote', { note: person.askedMe.note })}</p>
      )}
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
      <div className={styles.more}>
        {manage && (
          <MemberMenu
            group={group}
            member={member}
            name={name}
            me={me}
            onDialog={onNested}
            trigger={
              <Button variant="ghost">
                <UserCog size={16} aria-hidden="true" /> {t('manage')}
              </Button>
            }
          />
        )}
        {!blocked && (
          <Button variant="ghost" className={styles.dangerText} onClick={() => setNested('block')}>
            <Ban size={16} aria-hidden="true" /> {t('contacts:block')}
          </Button>
        )}
      </div>
      {friend && (
        <RemarkDialog
          friend={friend}
          open={nested === 'remark'}
          onOpenChange={(o) => !o && setNested(null)}
        />
      )}
      <ConfirmDialog
        open={nested === 'block'}
        onOpenChange={(o) => !o && setNested(null)}
        title={t('contacts:blockTitle')}
        message={t('contacts:blockMessage', { name })}
        action={t('contacts:block')}
        onConfirm={async () => {
          await session.people.block(user.id);
          toast(t('contacts:blocked', { name }));
        }}
      />
    </>
  );
}
