import styles from './AdminConsole.module.css';
import { InviteCodes } from './InviteCodes.tsx';
import { ServerSettingsForm } from './ServerSettingsForm.tsx';

/** The server's run-time settings, and the invite codes that let people in when sign-up needs one. */
export function ServerSettingsTab() {
  return (
    <div>
      <div className={styles.part}>
        <ServerSettingsForm />
      </div>
      <div className={styles.part}>
        <InviteCodes />
      </div>
    </div>
  );
}
