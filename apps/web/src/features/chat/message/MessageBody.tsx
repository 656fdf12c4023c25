import type { Message } from '@parley/protocol';
import { FileAttachment } from '../media/FileAttachment.tsx';
import { ImageAttachment } from '../media/ImageAttachment.tsx';
import { VoicePlayer } from '../media/VoicePlayer.tsx';
import { RichText } from './RichText.tsx';
import styles from './MessageRow.module.css';

/** What a message shows inside its bubble: media, then text (a caption for media). */
export function MessageBody({ message, myUsername }: { message: Message; myUsername: string }) {
  const a = message.attachment;
  return (
    <>
      {a?.kind === 'image' && <ImageAttachment attachment={a} messageId={message.id} />}
      {a?.kind === 'file' && <FileAttachment attachment={a} />}
      {a?.kind === 'voice' && <VoicePlayer attachment={a} />}
      {message.text && (
        <div className={a ? `${styles.text} ${styles.caption}` : styles.text}>
          <RichText text={message.text} myUsername={myUsername} />
        </div>
      )}
    </>
  );
}
