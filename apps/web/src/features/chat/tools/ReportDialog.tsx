import { type Message, type ReportReason, limits } from '@parley/protocol';
import { ParleyError } from '@parley/sdk';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../model/app-context.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { toast } from '../../../ui/toast.tsx';
import { errorText } from '../../../util/error-text.ts';
import styles from './ReportDialog.module.css';

/** The reasons offered (not the protocol's zod enum, which would bring zod into the web client). */
const reasons = ['spam', 'abuse', 'illegal', 'other'] as const satisfies readonly ReportReason[];

/** A refusal a report meets, in the chat's words where the common one would mislead. */
function refusal(err: unknown, t: (key: string) => string): string {
  if (err instanceof ParleyError && (err.code === 'already_requested' || err.code === 'limit_reached'))
    return t(`report.refusals.${err.code}`);
  return errorText(err);
}

/**
 * Reports someone else's message to the server's admins (POST /messages/:id/report): why, from
 * four reasons, and an optional note. It goes to the admins' queue, not to the sender.
 */
export function ReportDialog({ message, onClose }: { message: Message; onClose(): void }) {
  const { t } = useTranslation('chat');
  const { client } = useSession();
  const [reason, setReason] = useState<ReportReason>('spam');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await client.http.admin.report(message.id, { reason, note: note.trim() });
      toast(t('report.sent'));
      onClose();
    } catch (err) {
      setError(refusal(err, t));
      setBusy(false);
    }
  }

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && !busy && onClose()}
      title={t('report.title')}
      description={t('report.hint')}
    >
      <form className={styles.form} onSubmit={submit} noValidate>
        <fieldset className={styles.reasons}>
          <legend>{t('report.reason')}</legend>
          {reasons.map((r) => (
            <label key={r} className={styles.reason}>
              <input
                type="radio"
                name="reason"
                value={r}
                checked={reason === r}
                onChange={() => setReason(r)}
              />
              {t(`report.reasons.${r}`)}
            </label>
          ))}
        </fieldset>
        <div className={styles.note}>
          <label htmlFor="report-note">{t('report.note')}</label>
          <textarea
            id="report-note"
            value={note}
            maxLength={limits.reportNoteMax}
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
        {error && (
          <p className={styles.error} role="alert">
            {error}
          </p>
        )}
        <div className={styles.actions}>
          <Button onClick={onClose} disabled={busy}>
            {t('common:cancel')}
          </Button>
          <Button variant="primary" type="submit" busy={busy}>
            {t('report.submit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
