import type { ServerSettings, UpdateServerSettingsBody } from '@parley/protocol';
import { ParleyError } from '@parley/sdk';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { toast } from '../../ui/toast.tsx';
import { errorText } from '../../util/error-text.ts';
import { Switch } from '../settings/Switch.tsx';
import styles from './AdminConsole.module.css';
import { useAdmin } from './use-admin.ts';

const registrations = ['open', 'invite', 'closed'] as const;
/** The numbers, as the form holds them (text, so a half-typed value is not forced into a number). */
const numbers = ['maxGroupSize', 'imageMaxMb', 'voiceMaxMb', 'fileMaxMb', 'uploadQuotaMb'] as const;
type NumberSetting = (typeof numbers)[number];
type Draft = Omit<ServerSettings, NumberSetting> & Record<NumberSetting, string>;

const draftOf = (s: ServerSettings): Draft => ({
  ...s,
  ...(Object.fromEntries(numbers.map((n) => [n, String(s[n])])) as Record<NumberSetting, string>),
});

/**
 * Who may sign up, whether there is a lobby, the largest group and file sizes, and each user's
 * storage quota: saved together with one button, sending only what changed (the audit log
 * shows that). A value the server refuses is marked at its field.
 */
export function ServerSettingsForm() {
  const { t } = useTranslation('admin');
  const admin = useAdmin();
  const [saved, setSaved] = useState<ServerSettings | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Partial<Record<keyof ServerSettings | 'form', string>>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    admin.settings().then(
      (s) => {
        if (!live) return;
        setSaved(s);
        setDraft(draftOf(s));
      },
      (err: unknown) => live && setErrors({ form: errorText(err) }),
    );
    return () => {
      live = false;
    };
  }, [admin]);

  if (!saved || !draft)
    return errors.form ? (
      <p className={styles.error} role="alert">
        {errors.form}
      </p>
    ) : (
      <p className={styles.state} role="status">
        {t('loading')}
      </p>
    );

  function changes(current: Draft, before: ServerSettings): UpdateServerSettingsBody | null {
    const body: UpdateServerSettingsBody = {};
    const found: typeof errors = {};
    if (current.registration !== before.registration) body.registration = current.registration;
    if (current.lobby !== before.lobby) body.lobby = current.lobby;
    for (const n of numbers) {
      const value = Number(current[n].trim());
      if (current[n].trim() === '' || !Number.isInteger(value) || value < 0)
        found[n] = t('settings.wholeNumber');
      else if (value !== before[n]) body[n] = value;
    }
    setErrors(found);
    return Object.keys(found).length > 0 ? null : body;
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    const body = changes(draft!, saved!);
    if (!body) return;
    if (Object.keys(body).length === 0) return toast(t('settings.unchanged'));
    setBusy(true);
    try {
      const now = await admin.updateSettings(body);
      setSaved(now);
      setDraft(draftOf(now));
      toast(t('settings.saved'));
    } catch (err) {
      const field = err instanceof ParleyError ? err.field?.split('.').pop() : undefined;
      if (field && field in saved!) setErrors({ [field]: errorText(err) });
      else setErrors({ form: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft({ ...draft, [key]: value });
    if (errors[key]) setErrors({ ...errors, [key]: undefined });
  };

  return (
    <form className={styles.part} onSubmit={save} noValidate aria-labelledby="server-settings-heading">
      <h3 className={styles.heading} id="server-settings-heading">
        {t('settings.heading')}
      </h3>
      <p className={styles.note}>{t('settings.hint')}</p>
      <fieldset className={styles.radios}>
        <legend>{t('settings.registration')}</legend>
        {registrations.map((r) => (
          <label key={r} className={styles.radio}>
            <input
              type="radio"
              name="registration"
              value={r}
              checked={draft.registration === r}
              onChange={() => set('registration', r)}
            />
            <span className={styles.rowText}>
              <span className={styles.name}>{t(`settings.registrationMode.${r}`)}</span>
              <span className={styles.meta}>{t(`settings.registrationHint.${r}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <Switch
        label={t('settings.lobby')}
        hint={t('settings.lobbyHint')}
        checked={draft.lobby}
        onChange={(on) => set('lobby', on)}
      />
      <div className={styles.numbers}>
        {numbers.map((n) => (
          <Field
            key={n}
            label={t(`settings.${n}`)}
            inputMode="numeric"
            value={draft[n]}
            onChange={(e) => set(n, e.target.value)}
            error={errors[n]}
            hint={n === 'uploadQuotaMb' ? t('settings.noLimit') : undefined}
          />
        ))}
      </div>
      {errors.form && (
        <p className={styles.error} role="alert">
          {errors.form}
        </p>
      )}
      <div className={styles.actions}>
        <Button variant="primary" type="submit" busy={busy}>
          {t('settings.save')}
        </Button>
      </div>
    </form>
  );
}
