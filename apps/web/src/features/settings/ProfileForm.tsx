import { isBlankText, limits } from '@parley/protocol';
import { ParleyError } from '@parley/sdk';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../model/app-context.ts';
import { useSessionState } from '../../model/use-session-state.ts';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { toast } from '../../ui/toast.tsx';
import { errorText } from '../../util/error-text.ts';
import styles from './Section.module.css';

type Errors = Partial<Record<'displayName' | 'bio' | 'form', string>>;

/** Display name and signature (bio), checked here against the protocol's limits, then saved together. */
export function ProfileForm() {
  const { t } = useTranslation('settings');
  const { session } = useSession();
  const me = useSessionState((s) => s.me);
  const [displayName, setDisplayName] = useState(me.displayName);
  const [bio, setBio] = useState(me.bio);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const bioId = useId();
  const changed = displayName.trim() !== me.displayName || bio !== me.bio;

  function check(): Errors {
    const found: Errors = {};
    // Zero-width spaces, Hangul fillers and the like alone count as blank, as on the server.
    if (isBlankText(displayName)) found.displayName = t('profile.displayNameRequired');
    else if (displayName.trim().length > limits.displayNameMax)
      found.displayName = t('profile.tooLong', { max: limits.displayNameMax });
    if (bio.length > limits.bioMax) found.bio = t('profile.tooLong', { max: limits.bioMax });
    return found;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = check();
    setErrors(found);
    if (Object.keys(found).length > 0 || !changed) return;
    setBusy(true);
    try {
      const body = {
        ...(displayName.trim() !== me.displayName && { displayName: displayName.trim() }),
        ...(bio !== me.bio && { bio }),
      };
      const updated = await session.account.updateProfile(body);
      setDisplayName(updated.displayName);
      setBio(updated.bio);
      toast(t('profile.saved'));
    } catch (err) {
      if (err instanceof ParleyError && (err.field === 'displayName' || err.field === 'bio'))
        setErrors({ [err.field]: errorText(err) });
      else setErrors({ form: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className={styles.group} onSubmit={submit} noValidate>
      <Field
        label={t('profile.displayName')}
        autoComplete="nickname"
        value={displayName}
        maxLength={limits.displayNameMax + 10}
        onChange={(e) => setDisplayName(e.target.value)}
        error={errors.displayName}
        hint={t('profile.username', { username: me.username })}
      />
      <div className={styles.field}>
        <label htmlFor={bioId}>{t('profile.bio')}</label>
        <textarea
          id={bioId}
          value={bio}
          rows={3}
          onChange={(e) => setBio(e.target.value)}
          aria-invalid={errors.bio ? true : undefined}
          aria-describedby={`${bioId}-note`}
        />
        <div className={styles.fieldFoot} id={`${bioId}-note`}>
          {errors.bio ? (
            <span className={styles.error} role="alert">
              {errors.bio}
            </span>
          ) : (
            <span>{t('profile.bioHint')}</span>
          )}
          <span aria-label={t('profile.counter', { count: bio.length, max: limits.bioMax })}>
            {bio.length}/{limits.bioMax}
          </span>
        </div>
      </div>
      {errors.form && (
        <p className={styles.error} role="alert">
          {errors.form}
        </p>
      )}
      <div className={styles.actions}>
        <Button variant="primary" type="submit" busy={busy} disabled={!changed}>
          {t('common:save')}
        </Button>
      </div>
    </form>
  );
}
