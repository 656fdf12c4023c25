import type { Friend } from '@parley/protocol';
import { nameOf } from '@parley/sdk';
import { Ban, MoreHorizontal, PencilLine, UserMinus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../model/app-context.ts';
import { Avatar } from '../../ui/Avatar.tsx';
import { IconButton } from '../../ui/Button.tsx';
import { Menu, MenuItem, MenuSeparator } from '../../ui/Menu.tsx';
import { toast } from '../../ui/toast.tsx';
import { ConfirmDialog } from '../groups/ConfirmDialog.tsx';
import { openFriendChat } from './open-friend-chat.ts';
import { RemarkDialog } from './RemarkDialog.tsx';
import styles from './People.module.css';

type Open = 'remark' | 'remove' | 'block' | null;

/** One friend in the contacts list: opens our chat; its menu sets a remark, removes or blocks. */
export function FriendRow({ friend, online }: { friend: Friend; online: boolean }) {
  const { t } = useTranslation('contacts');
  const { session } = useSession();
  const [open, setOpen] = useState<Open>(null);
  const name = nameOf(friend);
  const close = (o: boolean) => !o && setOpen(null);
  const openChat = () => openFriendChat(session, friend.conversationId);
  return (
    <li className={styles.row} data-testid="friend" data-user-id={friend.user.id}>
      <button type="button" className={styles.rowMain} onClick={openChat}>
        <Avatar src={friend.user.avatarSmall} name={name} size={42} online={online} />
        <span className={styles.body}>
          <span className={styles.line}>
            <span className={styles.name}>{name}</span>
            <span className={styles.username}>@{friend.user.username}</span>
          </span>
          <span className={styles.sub}>
            {friend.remark ? `${friend.user.displayName}${friend.user.bio ? ' · ' : ''}` : ''}
            {friend.user.bio}
          </span>
          <span className="visually-hidden">{online ? t('common:online') : t('common:offline')}</span>
        </span>
      </button>
      <Menu
        trigger={
          <IconButton label={t('friendMenu', { name })}>
            <MoreHorizontal size={18} />
          </IconButton>
        }
        sideOffset={4}
      >
        <MenuItem onSelect={() => setOpen('remark')}>
          <PencilLine size={16} aria-hidden="true" /> {t('setRemark')}
        </MenuItem>
        <MenuSeparator />
        <MenuItem danger onSelect={() => setOpen('remove')}>
          <UserMinus size={16} aria-hidden="true" /> {t('removeFriend')}
        </MenuItem>
        <MenuItem danger onSelect={() => setOpen('block')}>
          <Ban size={16} aria-hidden="true" /> {t('block')}
        </MenuItem>
      </Menu>
      <RemarkDialog friend={friend} open={open === 'remark'} onOpenChange={close} />
      <ConfirmDialog
        open={open === 'remove'}
        onOpenChange={close}
        title={t('removeTitle')}
        message={t('removeMessage', { name })}
        action={t('removeFriend')}
        onConfirm={async () => {
          await session.people.remove(friend.user.id);
          toast(t('removed', { name }));
        }}
      />
      <ConfirmDialog
        open={open === 'block'}
        onOpenChange={close}
        title={t('blockTitle')}
        message={t('blockMessage', { name })}
        action={t('block')}
        onConfirm={async () => {
          // The session asks again who is online: a block hides presence both ways.
          await session.people.block(friend.user.id);
          toast(t('blocked', { name }));
        }}
      />
    </li>
  );
}
