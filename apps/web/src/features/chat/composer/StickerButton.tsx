import * as Popover from '@radix-ui/react-popover';
import type { Sticker } from '@parley/protocol';
import { Sticker as StickerIcon } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../model/app-context.ts';
import { useSessionState } from '../../../model/use-session-state.ts';
import { Button, IconButton } from '../../../ui/Button.tsx';
import { errorText } from '../../../util/error-text.ts';
import styles from './Composer.module.css';

interface StickerButtonProps {
  onSend(sticker: Sticker): void;
  onClosed(): void;
  disabled?: boolean;
}

/** The sticker button and its panel: my collection and the server's packs; a click sends one. */
export function StickerButton({ onSend, onClosed, disabled }: StickerButtonProps) {
  const { t } = useTranslation('composer');
  const [open, setOpen] = useState(false);
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>
        <IconButton label={t('stickers.open')} disabled={disabled}>
          <StickerIcon size={22} aria-hidden="true" />
        </IconButton>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          className={styles.popover}
          side="top"
          align="start"
          sideOffset={8}
          collisionPadding={8}
          aria-label={t('stickers.label')}
          onCloseAutoFocus={(e) => {
            e.preventDefault();
            onClosed();
          }}
        >
          <StickerPanel
            onSend={(sticker) => {
              onSend(sticker);
              setOpen(false);
            }}
          />
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

function StickerPanel({ onSend }: { onSend(sticker: Sticker): void }) {
  const { t } = useTranslation('composer');
  const { session } = useSession();
  // The session keeps the collection (shown at once on the next open while a fresh one loads).
  const collection = useSessionState((s) => s.stickers);
  const [error, setError] = useState<string | null>(null);
  const [tab, setTab] = useState('mine');
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    session.loadStickers().then(
      () => {
        if (cancelled) return;
        setError(null);
        const fresh = session.getSnapshot().stickers;
        // Nothing of my own yet: open on the first pack instead of an empty page.
        if (fresh && fresh.mine.length === 0 && fresh.packs[0])
          setTab((current) => (current === 'mine' ? fresh.packs[0]!.id : current));
      },
      (err: unknown) => !cancelled && setError(errorText(err)),
    );
    return () => {
      cancelled = true;
    };
  }, [session, attempt]);

  if (!collection)
    return (
      <div className={styles.stickerPanel}>
        {error ? (
          <div className={styles.pickerStatus} role="alert">
            <p>{error}</p>
            <Button onClick={() => setAttempt((n) => n + 1)}>{t('stickers.retry')}</Button>
          </div>
        ) : (
          <p className={styles.pickerStatus} role="status">
            {t('stickers.loading')}
          </p>
        )}
      </div>
    );

  const tabs = [
    { id: 'mine', name: t('stickers.mine'), stickers: collection.mine },
    ...collection.packs.map((p) => ({
      id: p.id,
      name: p.builtin ? t('stickers.builtin') : p.name,
      stickers: p.stickers,
    })),
  ];
  const current = tabs.find((x) => x.id === tab) ?? tabs[0]!;
  return (
    <div className={styles.stickerPanel}>
      <div
        className={styles.stickerTabs}
        role="tablist"
        aria-label={t('stickers.sets')}
        onKeyDown={(e) => {
          // Arrow keys move between the sets, as in any tab list.
          if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
          e.preventDefault();
          const at = tabs.findIndex((x) => x.id === current.id);
          const next = tabs[(at + (e.key === 'ArrowRight' ? 1 : -1) + tabs.length) % tabs.length]!;
          setTab(next.id);
          e.currentTarget.querySelector<HTMLElement>(`[data-tab="${next.id}"]`)?.focus();
        }}
      >
        {tabs.map((x) => (
          <button
            key={x.id}
            type="button"
            role="tab"
            aria-selected={x.id === current.id}
            tabIndex={x.id === current.id ? 0 : -1}
            data-tab={x.id}
            className={styles.stickerTab}
            onClick={() => setTab(x.id)}
          >
            {x.name}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={current.name} className={styles.stickerGrid}>
        {current.stickers.length === 0 ? (
          <p className={styles.pickerStatus}>
            {current.id === 'mine' ? t('stickers.emptyMine') : t('stickers.emptyPack')}
          </p>
        ) : (
          current.stickers.map((sticker) => (
            <button
              key={sticker.id}
              type="button"
              className={styles.sticker}
              aria-label={
                sticker.emoji ? t('stickers.sendNamed', { emoji: sticker.emoji }) : t('stickers.send')
              }
              title={sticker.emoji || undefined}
              onClick={() => onSend(sticker)}
            >
              <img src={sticker.url} alt="" loading="lazy" draggable={false} />
            </button>
          ))
        )}
      </div>
    </div>
  );
}
