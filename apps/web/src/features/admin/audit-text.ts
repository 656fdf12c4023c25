import type { AuditEntry } from '@parley/protocol';
import { i18next } from '../../i18n/index.ts';

const settingNames = [
  'registration',
  'lobby',
  'maxGroupSize',
  'imageMaxMb',
  'voiceMaxMb',
  'fileMaxMb',
  'uploadQuotaMb',
];

/** A setting's value as read: on/off for the lobby, the words for the registration modes. */
function valueText(name: string, value: AuditEntry['detail'][string]): string {
  const t = i18next.t.bind(i18next);
  if (typeof value === 'boolean') return t(value ? 'admin:audit.on' : 'admin:audit.off');
  if (name === 'registration' && typeof value === 'string')
    return t(`admin:settings.registrationMode.${value}`);
  return value === null ? '—' : String(value);
}

/**
 * "registration: Open → Closed; lobby: on → off", from a settings change's detail, which holds
 * `<name>.before` and `<name>.after` for each setting changed.
 */
function settingChanges(detail: AuditEntry['detail']): string {
  const t = i18next.t.bind(i18next);
  return settingNames
    .filter((name) => `${name}.after` in detail)
    .map((name) =>
      t('admin:audit.change', {
        name: t(`admin:settings.${name}`),
        before: valueText(name, detail[`${name}.before`] ?? null),
        after: valueText(name, detail[`${name}.after`] ?? null),
      }),
    )
    .join(t('admin:audit.separator'));
}

/**
 * One audit entry as a sentence in the user's language: who did what to what ("Alice disabled
 * @bob", "Alice changed the settings: Registration: Open → Closed"). The target is named as it
 * was when it happened (targetLabel), since it may have been renamed or deleted since.
 */
export function auditText(entry: AuditEntry): string {
  const t = i18next.t.bind(i18next);
  const actor = entry.actor ? entry.actor.displayName : t('admin:audit.someone');
  const target = entry.targetType === 'user' ? `@${entry.targetLabel}` : entry.targetLabel;
  const values = { actor, target, interpolation: { escapeValue: false } };
  switch (entry.action) {
    case 'user.set_role':
      return t(entry.detail.role === 'admin' ? 'admin:audit.madeAdmin' : 'admin:audit.removedAdmin', values);
    case 'settings.update':
      return t('admin:audit.settings', { ...values, changes: settingChanges(entry.detail) });
    default:
      return t(`admin:audit.action.${entry.action}`, values);
  }
}
