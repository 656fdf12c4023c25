import type { Message } from '@parley/protocol';
import * as Popover from '@radix-ui/react-popover';
import {
  CheckSquare,
  Copy,
  Flag,
  Forward,
  MoreHorizontal,
  Pencil,
  Pin,
  PinOff,
  Reply,
  SmilePlus,
  StickerIcon,
  Trash2,
  Undo2,
} from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Menu, MenuGroup, MenuItem, MenuSeparator } from '../../../ui/Menu.tsx';
import { toast } from '../../../ui/toast.tsx';
import { quickReactions, useChatActions } from '../list/chat-actions.ts';
import styles from './MessageActions.module.css';

interface MessageActionsProps {
  message: Message;
  mine: boolean;
  /** The menu is opened by the row too (long-press, right click), so its state lives there. */
  menuOpen: boolean;
  onMenuOpenChange(open: boolean): void;
}

/**
 * What can be done to a message: a toolbar beside the bubble (shown on hover or keyboard
 * focus) with React, Reply and More; More (also opened by long-press or right click on touch
 * screens) holds the quick reactions, Reply, Copy, Edit (my text messages), Forward, Add to
 * my stickers (sticker messages), Pin as announcement (a group's owners and admins), Select
 * (several, to forward or delete), Report (others' messages, to the server's admins), Delete
 * for me and Recall.
 */
export function MessageActions({ message, mine, menuOpen, onMenuOpenChange }: MessageActionsProps) {
  const { t } = useTranslation('chat');
  const actions = useChatActions();
  const [pickOpen, setPickOpen] = useState(false);
  const canRecall = mine || actions.canModerate();
  const hasText = message.text.trim() !== '';
  // Captions of pictures and files could be edited too, but nothing shows an edited caption yet.
  const canEdit = mine && message.kind === 'text' && !message.recalledAt;
  // Owners and admins of a group (not the lobby) pin a message for everyone; not a notice.
  const canPin = actions.canModerate() && message.kind !== 'system' && !message.recalledAt;
  const pinned = canPin && actions.isAnnouncement(message);
  // Someone else's message, for the admins to look at; a notice or a recalled one has nothing to report.
  const canReport = !mine && message.kind !== 'system' && !message.recalledAt;

  const copy = () => {
    navigator.clipboard.writeText(message.text).then(
      () => toast(t('actions.copied')),
      () => toast(t('actions.copyFailed'), 'error'),
    );
  };

  return (
    <div className={styles.toolbar} data-open={menuOpen || pickOpen || undefined}>
      <Popover.Root open={pickOpen} onOpenChange={setPickOpen}>
        <Popover.Trigger asChild>
          <button
            type="button"
            className={styles.button}
            aria-label={t('actions.react')}
            title={t('actions.react')}
          >
            <SmilePlus size={16} aria-hidden="true" />
          </button>
        </Popover.Trigger>
        <Popover.Portal>
          <Popover.Content
            className={styles.picker}
            side="top"
            sideOffset={6}
            aria-label={t('actions.react')}
          >
            {quickReactions.map((emoji) => (
              <button
                key={emoji}
                type="button"
                className={styles.emoji}
                aria-label={t('actions.reactWith', { emoji })}
                onClick={() => {
                  setPickOpen(false);
                  actions.toggleReaction(message, emoji);
                }}
              >
                {emoji}
              </button>
            ))}
          </Popover.Content>
        </Popover.Portal>
      </Popover.Root>
      <button
        type="button"
        className={styles.button}
        aria-label={t('actions.reply')}
        title={t('actions.reply')}
        onClick={() => actions.reply(message)}
      >
        <Reply size={16} aria-hidden="true" />
      </button>
      <Menu
        open={menuOpen}
        onOpenChange={onMenuOpenChange}
        trigger={
          <button
            type="button"
            className={styles.button}
            aria-label={t('actions.more')}
            title={t('actions.more')}
          >
            <MoreHorizontal size={16} aria-hidden="true" />
          </button>
        }
        align={mine ? 'end' : 'start'}
      >
        <MenuGroup className={styles.menuEmoji} aria-label={t('actions.react')}>
          {quickReactions.map((emoji) => (
            <MenuItem
              key={emoji}
              className={styles.emoji}
              aria-label={t('actions.reactWith', { emoji })}
              onSelect={() => actions.toggleReaction(message, emoji)}
            >
              {emoji}
            </MenuItem>
          ))}
        </MenuGroup>
        <MenuSeparator />
        <MenuItem onSelect={() => actions.reply(message)}>
          <Reply size={16} aria-hidden="true" /> {t('actions.reply')}
        </MenuItem>
        {hasText && (
          <MenuItem onSelect={copy}>
            <Copy size={16} aria-hidden="true" /> {t('actions.copy')}
          </MenuItem>
        )}
        {canEdit && (
          <MenuItem onSelect={() => actions.edit(message)}>
            <Pencil size={16} aria-hidden="true" /> {t('actions.edit')}
          </MenuItem>
        )}
        <MenuItem onSelect={() => actions.forward(message)}>
          <Forward size={16} aria-hidden="true" /> {t('actions.forward')}
        </MenuItem>
        {message.sticker && (
          <MenuItem onSelect={() => actions.saveSticker(message)}>
            <StickerIcon size={16} aria-hidden="true" /> {t('actions.saveSticker')}
          </MenuItem>
        )}
        {canPin && (
          <MenuItem onSelect={() => actions.pin(pinned ? null : message)}>
            {pinned ? <PinOff size={16} aria-hidden="true" /> : <Pin size={16} aria-hidden="true" />}{' '}
            {t(pinned ? 'announcement.unpin' : 'actions.pin')}
          </MenuItem>
        )}
        <MenuItem onSelect={() => actions.toggleSelected(message)}>
          <CheckSquare size={16} aria-hidden="true" /> {t('actions.select')}
        </MenuItem>
        {canReport && (
          <MenuItem onSelect={() => actions.report(message)}>
            <Flag size={16} aria-hidden="true" /> {t('actions.report')}
          </MenuItem>
        )}
        <MenuItem danger onSelect={() => actions.hide(message)}>
          <Trash2 size={16} aria-hidden="true" /> {t('actions.hide')}
        </MenuItem>
        {canRecall && (
          <MenuItem danger onSelect={() => actions.recall(message)}>
            <Undo2 size={16} aria-hidden="true" /> {t('actions.recall')}
          </MenuItem>
        )}
      </Menu>
    </div>
  );
}
