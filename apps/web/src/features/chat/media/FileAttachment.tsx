import type { Attachment } from '@parley/protocol';
import {
  Download,
  File,
  FileArchive,
  FileAudio,
  FileCode,
  FileImage,
  FileSpreadsheet,
  FileText,
  FileVideo,
  type LucideIcon,
} from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { formatSize } from '../../../util/format-size.ts';
import styles from './media.module.css';

/** Picks an icon from the detected type, else the name's extension. */
function iconFor(mime: string, name: string): LucideIcon {
  const ext = name.split('.').pop()?.toLowerCase() ?? '';
  if (mime.startsWith('image/')) return FileImage;
  if (mime.startsWith('audio/')) return FileAudio;
  if (mime.startsWith('video/')) return FileVideo;
  if (/zip|compressed|tar|gzip|7z|rar/.test(mime) || ['zip', 'gz', 'tgz', '7z', 'rar', 'xz'].includes(ext))
    return FileArchive;
  if (/sheet|excel|csv/.test(mime) || ['xls', 'xlsx', 'csv', 'ods'].includes(ext)) return FileSpreadsheet;
  if (['js', 'ts', 'tsx', 'py', 'json', 'html', 'css', 'sh', 'go', 'rs', 'c', 'cpp', 'java'].includes(ext))
    return FileCode;
  if (mime.startsWith('text/') || /pdf|document|word|rtf/.test(mime)) return FileText;
  return File;
}

/** A file in a message: icon by type, name, size; the whole card downloads it under its name. */
export function FileAttachment({ attachment }: { attachment: Attachment }) {
  const { t } = useTranslation('chat');
  const Icon = iconFor(attachment.mime, attachment.name);
  return (
    <a
      className={styles.file}
      href={attachment.url}
      download={attachment.name}
      aria-label={t('media.downloadFile', { name: attachment.name, size: formatSize(attachment.size) })}
    >
      <span className={styles.fileIcon}>
        <Icon size={24} aria-hidden="true" />
      </span>
      <span className={styles.fileText}>
        <span className={styles.fileName}>{attachment.name}</span>
        <span className={styles.fileSize}>{formatSize(attachment.size)}</span>
      </span>
      <Download size={18} aria-hidden="true" className={styles.fileDownload} />
    </a>
  );
}
