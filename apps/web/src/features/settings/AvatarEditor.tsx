import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../model/app-context.ts';
import { useSessionState } from '../../model/use-session-state.ts';
import { Avatar } from '../../ui/Avatar.tsx';
import { Button } from '../../ui/Button.tsx';
import { toast } from '../../ui/toast.tsx';
import { errorText } from '../../util/error-text.ts';
import buttons from '../../ui/Button.module.css';
import styles from './Section.module.css';

/**
 * My picture: pick a file, see it as it will look, then keep it (uploaded, then set as the
 * avatar; the server crops it square) or cancel; or remove the current one.
 */
export function AvatarEditor() {
  const { t } = useTranslation('settings');
  const { session } = useSession();
  const me = useSessionState((s) => s.me);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'remove' | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!file) return setPreview(null);
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  function pick(chosen: File | undefined) {
    setError(null);
    if (!chosen) return;
    if (!chosen.type.startsWith('image/')) return setError(t('profile.notImage'));
    setFile(chosen);
  }

  async function save() {
    if (!file) return;
    setBusy('save');
    setError(null);
    try {
      const upload = await session.media.start(file, { kind: 'image', name: file.name }).done;
      await session.account.setAvatar(upload.id);
      setFile(null);
      toast(t('profile.pictureSaved'));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  }

  async function remove() {
    setBusy('remove');
    setError(null);
    try {
      await session.account.removeAvatar();
      toast(t('profile.pictureRemoved'));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className={styles.group}>
      <h3 className={styles.heading}>{t('profile.picture')}</h3>
      <div className={styles.avatarRow}>
        <span data-testid="settings-avatar" data-preview={preview ? 'true' : undefined}>
          <Avatar src={preview ?? me.avatar} name={me.displayName} size={80} />
        </span>
        <div className={styles.avatarSide}>
          {file ? (
            <>
              <p className={styles.note}>{t('profile.previewNote')}</p>
              <div className={styles.actions}>
                <Button variant="primary" busy={busy === 'save'} onClick={() => void save()}>
                  {t('profile.savePicture')}
                </Button>
                <Button disabled={busy !== null} onClick={() => setFile(null)}>
                  {t('common:cancel')}
                </Button>
              </div>
            </>
          ) : (
            <div className={styles.actions}>
              <label className={`${buttons.button} ${buttons.secondary} ${styles.fileButton}`}>
                {me.avatar ? t('profile.change') : t('profile.choose')}
                <input
                  type="file"
                  accept="image/*"
                  className="visually-hidden"
                  aria-label={me.avatar ? t('profile.change') : t('profile.choose')}
                  disabled={busy !== null}
                  onChange={(e) => {
                    pick(e.target.files?.[0]);
                    e.target.value = '';
                  }}
                />
              </label>
              {me.avatar && (
                <Button variant="ghost" busy={busy === 'remove'} onClick={() => void remove()}>
                  {t('profile.remove')}
                </Button>
              )}
            </div>
          )}
          {error && (
            <p className={styles.error} role="alert">
              {error}
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
