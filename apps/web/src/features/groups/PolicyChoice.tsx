import type { Conversation } from '@parley/protocol';

type JoinPolicy = Conversation['joinPolicy'];
type InviteMode = Conversation['inviteMode'];
import { useTranslation } from 'react-i18next';
import styles from '../contacts/People.module.css';

const policies: JoinPolicy[] = ['open', 'approval', 'invite'];
const modes: InviteMode[] = ['accept', 'direct'];

/** Radio choices for how people get into a group: open, by approval, or by invitation only. */
export function PolicyChoice({
  value,
  onChange,
  disabled,
}: {
  value: JoinPolicy;
  onChange(policy: JoinPolicy): void;
  disabled?: boolean;
}) {
  const { t } = useTranslation('groups');
  return (
    <fieldset className={styles.choices} disabled={disabled}>
      <legend>{t('policy.legend')}</legend>
      {policies.map((p) => (
        <label key={p} className={styles.choice}>
          <input
            type="radio"
            name="join-policy"
            value={p}
            checked={value === p}
            onChange={() => onChange(p)}
          />
          <span>
            {t(`policy.${p}`)}
            <small>{t(`policy.${p}Hint`)}</small>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** Radio choices for what an invitation does: asks the friend, or adds them at once. */
export function InviteModeChoice({
  value,
  onChange,
  disabled,
}: {
  value: InviteMode;
  onChange(mode: InviteMode): void;
  disabled?: boolean;
}) {
  const { t } = useTranslation('groups');
  return (
    <fieldset className={styles.choices} disabled={disabled}>
      <legend>{t('inviteMode.legend')}</legend>
      {modes.map((m) => (
        <label key={m} className={styles.choice}>
          <input
            type="radio"
            name="invite-mode"
            value={m}
            checked={value === m}
            onChange={() => onChange(m)}
          />
          <span>
            {t(`inviteMode.${m}`)}
            <small>{t(`inviteMode.${m}Hint`)}</small>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
