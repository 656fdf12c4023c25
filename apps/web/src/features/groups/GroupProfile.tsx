import type { Conversation, UpdateGroupBody } from '@parley/protocol';
import { isBlankText, limits } from '@parley/protocol';
import { Camera, Trash2 } from 'lucide-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../model/app-context.ts';
import { Avatar } from '../../ui/Avatar.tsx';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { toast } from '../../ui/toast.tsx';
import { groupName } from '../../util/conversation-title.ts';
import { textProblem } from '../contacts/one-line.ts';
import { refusalText } from './refusal.ts';
import styles from '../contacts/People.module.css';

/**
 * The group's picture, name and description. Owners and admins change them; for everyone else
 * (and in the lobby, which nobody changes) they are shown read-only.
 */
export function GroupProfile({ group: c, canManage }: { group: Conversation; canManage: boolean }) {
  const { t } = useTranslation('groups');
  const { session } = useSession();
  const [name, setName] = useState(c.name);
  const [description, setDescription] = useState(c.description);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);
  // Someone else renamed it meanwhile: show theirs unless I am editing.
  useEffect(() => setName(c.name), [c.name]);
  useEffect(() => setDescription(c.description), [c.description]);

  const save = async (changes: UpdateGroupBody, which: string) => {
    setBusy(which);
    setError(null);
    try {
      await session.groups.update(c.id, changes);
      toast(t('common:saved'));
    } catch (err) {
      setError(refusalText(err));
    } finally {
      setBusy(null);
    }
  };
  const nameProblem = isBlankText(name) ? t('create.nameRequired') : textProblem(name, limits.groupNameMax);
  const descriptionProblem = textProblem(description, limits.groupDescriptionMax, true);
  const changed = name.trim() !== c.name || description !== c.description;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (nameProblem || descriptionProblem || !changed) return;
    const changes: UpdateGroupBody = {};
    if (name.trim() !== c.name) changes.name = name.trim();
    if (description !== c.description) changes.description = description;
    void save(changes, 'profile');
  };

  const upload = async (picked: File | undefined) => {
    if (!picked) return;
    setBusy('avatar');
    setError(null);
    try {
      const done = await session.media.start(picked, { kind: 'image', name: picked.name }).done;
      await session.groups.setAvatar(c.id, done.id);
      toast(t('avatarChanged'));
    } catch (err) {
      setError(refusalText(err));
    } finally {
      setBusy(null);
      if (file.current) file.current.value = '';
    }
  };
  const removeAvatar = async () => {
    setBusy('avatar');
    try {
      await session.groups.removeAvatar(c.id);
    } catch (err) {
      setError(refusalText(err));
    } finally {
      setBusy(null);
    }
  };

  if (!canManage)
    return (
      <div className={styles.selected}>
        <Avatar src={c.avatar} name={groupName(c)} size={56} />
        <span className={styles.body}>
          <span className={styles.name}>{groupName(c)}</span>
          <span className={styles.sub}>
            {c.kind === 'lobby' ? t('lobbyHint') : t('memberCount', { count: c.memberCount })}
          </span>
          {c.description && <span className={styles.note}>{c.description}</span>}
        </span>
      </div>
    );

  return (
    <div className={styles.form}>
      <div className={styles.selected}>
        <Avatar src={c.avatar} name={c.name} size={56} />
        <span className={styles.body} style={{ gap: 6 }}>
          <span className={styles.sub}>{t('memberCount', { count: c.memberCount })}</span>
          <span className={styles.wrap}>
            <Button busy={busy === 'avatar'} onClick={() => file.current?.click()}>
              <Camera size={16} aria-hidden="true" /> {t('changeAvatar')}
            </Button>
            {c.avatar && (
              <Button variant="ghost" disabled={!!busy} onClick={() => void removeAvatar()}>
                <Trash2 size={16} aria-hidden="true" /> {t('removeAvatar')}
              </Button>
            )}
          </span>
        </span>
        <input
          ref={file}
          type="file"
          accept="image/*"
          hidden
          aria-label={t('changeAvatar')}
          onChange={(e) => void upload(e.target.files?.[0])}
        />
      </div>
      <form className={styles.form} onSubmit={submit}>
        <Field
          label={t('create.name')}
          value={name}
          maxLength={limits.groupNameMax}
          onChange={(e) => setName(e.target.value)}
          error={name !== c.name ? nameProblem : null}
        />
        <div className={styles.stack}>
          <label className={styles.label} htmlFor="group-description">
            {t('description')}
          </label>
          <textarea
            id="group-description"
            className={styles.textarea}
            value={description}
            placeholder={t('descriptionPlaceholder')}
            onChange={(e) => setDescription(e.target.value)}
            aria-invalid={descriptionProblem ? true : undefined}
          />
          <span className={styles.counter}>
            {description.length}/{limits.groupDescriptionMax}
          </span>
          {descriptionProblem && (
            <p className={styles.error} role="alert">
              {descriptionProblem}
            </p>
          )}
        </div>
        {changed && (
          <div className={styles.actions} style={{ marginTop: 0 }}>
            <Button
              onClick={() => {
                setName(c.name);
                setDescription(c.description);
              }}
              disabled={!!busy}
            >
              {t('common:cancel')}
            </Button>
            <Button
              type="submit"
              variant="primary"
              busy={busy === 'profile'}
              disabled={!!nameProblem || !!descriptionProblem}
            >
              {t('common:save')}
            </Button>
          </div>
        )}
      </form>
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
