import * as Popover from '@radix-ui/react-popover';
import { Smile } from 'lucide-react';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../model/app-context.ts';
import { IconButton } from '../../../ui/Button.tsx';
import { errorText } from '../../../util/error-text.ts';
import { createEmojiPicker } from './emoji-picker.ts';
import styles from './Composer.module.css';

interface EmojiButtonProps {
  /** Called with the emoji's character, or `:shortcode:` for the server's custom emoji. */
  onPick(text: string): void;
  /** The popover closed: the composer puts the focus back in the text box. */
  onClosed(): void;
  disabled?: boolean;
}

/** The emoji button and its popover with the (lazily loaded) emoji picker; it stays open for several picks. */
export function EmojiButton({ onPick, onClosed, disabled }: EmojiButtonProps) {
  const { t } = useTranslation('composer');
  const [open, setOpen] = useState(false);
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>
        <IconButton label={t('emoji.open')} disabled={disabled}>
          <Smile size={22} aria-hidden="true" />
        </IconButton>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          className={styles.popover}
          side="top"
          align="start"
          sideOffset={8}
          collisionPadding={8}
          aria-label={t('emoji.label')}
          onCloseAutoFocus={(e) => {
            e.preventDefault();
            onClosed();
          }}
        >
          <EmojiPicker onPick={onPick} />
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

/** Mounts the web component once loaded, in the current language and theme. */
function EmojiPicker({ onPick }: { onPick(text: string): void }) {
  const { t, i18n } = useTranslation('composer');
  const { session } = useSession();
  const host = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<'loading' | 'ready' | string>('loading');
  const pick = useEffectEvent((text: string) => onPick(text));
  const language = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const customLabel = t('emoji.custom');

  useEffect(() => {
    let cancelled = false;
    let element: HTMLElement | null = null;
    // The session keeps the server's custom emoji once loaded; offline the picker shows without them.
    const customEmoji = session.getSnapshot().customEmoji
      ? Promise.resolve(session.getSnapshot().customEmoji!)
      : session.loadStickers().then(
          () => session.getSnapshot().customEmoji ?? [],
          () => [],
        );
    const syncTheme = () => {
      if (!element) return;
      const dark = document.documentElement.dataset.theme === 'dark';
      element.classList.toggle('dark', dark);
      element.classList.toggle('light', !dark);
    };
    const themeWatch = new MutationObserver(syncTheme);
    themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    void (async () => {
      try {
        const picker = await createEmojiPicker(language, [...(await customEmoji)], customLabel);
        if (cancelled || !host.current) return;
        element = picker;
        picker.classList.add(styles.picker!);
        syncTheme();
        picker.addEventListener('emoji-click', (e) => {
          const { unicode, name } = e.detail;
          pick(unicode ?? `:${name}:`);
        });
        host.current.append(picker);
        setStatus('ready');
        // Type to search at once, as in other messengers.
        requestAnimationFrame(() =>
          picker.shadowRoot?.querySelector<HTMLInputElement>('input[type=search]')?.focus(),
        );
      } catch (err) {
        if (!cancelled) setStatus(errorText(err));
      }
    })();
    return () => {
      cancelled = true;
      themeWatch.disconnect();
      element?.remove();
    };
  }, [language, customLabel, session]);

  return (
    <div ref={host} className={styles.pickerHost}>
      {status !== 'ready' && (
        <p className={styles.pickerStatus} role={status === 'loading' ? 'status' : 'alert'}>
          {status === 'loading' ? t('emoji.loading') : status}
        </p>
      )}
    </div>
  );
}
