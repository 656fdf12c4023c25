import type { UpdateSettingsBody } from '@parley/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../model/app-context.ts';
import { useSessionState } from '../../model/use-session-state.ts';
import { toast } from '../../ui/toast.tsx';
import { errorText } from '../../util/error-text.ts';
import { BlockedList } from '../people/BlockedList.tsx';
import styles from './Section.module.css';
import { Switch } from './Switch.tsx';

/** Server-side privacy settings, shared by all my devices (they hear `settings.updated`), and the people I blocked. */
export function PrivacySection() {
  const { t } = useTranslation('settings');
  const { session } = useSession();
  const settings = useSessionState((s) => s.settings);
  const [busy, setBusy] = useState(false);

  async function change(changes: UpdateSettingsBody) {
    setBusy(true);
    try {
      await session.account.updateSettings(changes);
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className={styles.section}>
      <div className={styles.group}>
        <Switch
          label={t('privacy.readReceipts')}
          hint={t('privacy.readReceiptsHint')}
          checked={settings?.readReceipts ?? true}
          disabled={!settings || busy}
          onChange={(on) => void change({ readReceipts: on })}
        />
        <Switch
          label={t('privacy.presence')}
          hint={t('privacy.presenceHint')}
          checked={(settings?.presenceVisibleTo ?? 'everyone') === 'everyone'}
          disabled={!settings || busy}
          onChange={(on) => void change({ presenceVisibleTo: on ? 'everyone' : 'friends' })}
        />
        {!settings && <p className={styles.note}>{t('privacy.loading')}</p>}
      </div>
      <BlockedList />
    </div>
  );
}
