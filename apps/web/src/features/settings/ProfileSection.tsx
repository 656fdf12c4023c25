import { AvatarEditor } from './AvatarEditor.tsx';
import { ProfileForm } from './ProfileForm.tsx';
import styles from './Section.module.css';

/** What others see of me: picture, name, signature. */
export function ProfileSection() {
  return (
    <div className={styles.section}>
      <AvatarEditor />
      <ProfileForm />
    </div>
  );
}
