import type { UploadKind } from '@parley/protocol';
import { isParleyError, type UploadTask } from '@parley/sdk';
import { i18next } from '../../../i18n/index.ts';
import { Observable } from '../../../model/observable.ts';
import type { SignedIn } from '../../../model/signed-in.ts';
import { errorText } from '../../../util/error-text.ts';

/** One file on its way into a conversation: uploading, then sent as its own message. */
export interface TrayItem {
  id: number;
  name: string;
  size: number;
  kind: UploadKind;
  /** Bytes sent so far (of `size`). */
  sent: number;
  status: 'uploading' | 'failed';
  /** Why it failed, in the user's language. */
  error?: string;
}

/**
 * The attachment trays, one per conversation, kept outside React: files dropped on the chat
 * pane (`attachFiles`) and uploads that go on while the user looks at another chat both land
 * here, and the composer shows the open conversation's tray.
 */
const trays = new Map<string, Observable<TrayItem[]>>();
const tasks = new Map<number, UploadTask>();
let session: SignedIn | null = null;
let nextId = 1;

/** The composer tells this module which session to upload with (it is mounted whenever files can arrive). */
export function bindAttachSession(signedIn: SignedIn): void {
  session = signedIn;
}

export function trayOf(conversationId: string): Observable<TrayItem[]> {
  let tray = trays.get(conversationId);
  if (!tray) trays.set(conversationId, (tray = new Observable<TrayItem[]>([])));
  return tray;
}

/** How a file is uploaded: pictures as images (SVG is not one: it is sent as a file), the rest as files. */
export function uploadKindOf(file: File): UploadKind {
  return file.type.startsWith('image/') && file.type !== 'image/svg+xml' ? 'image' : 'file';
}

/** Uploads each file and sends it as a message of its own once uploaded (called on drop, paste and pick). */
export function attachFiles(conversationId: string, files: File[]): void {
  for (const file of files) sendUpload(conversationId, file, { kind: uploadKindOf(file), name: file.name });
}

/** Uploads a file or recording and sends it into the conversation when done; progress shows in the tray. */
export function sendUpload(
  conversationId: string,
  source: Blob,
  { kind, name }: { kind: UploadKind; name: string },
): void {
  const tray = trayOf(conversationId);
  const id = nextId++;
  const change = (patch: Partial<TrayItem>) =>
    tray.update((items) => items.map((item) => (item.id === id ? { ...item, ...patch } : item)));
  tray.update((items) => [...items, { id, name, size: source.size, kind, sent: 0, status: 'uploading' }]);
  if (!session) {
    change({ status: 'failed', error: i18next.t('composer:attach.notReady') });
    return;
  }
  const { http, store } = session;
  if (source.size === 0) {
    change({ status: 'failed', error: i18next.t('composer:attach.empty') });
    return;
  }
  const task = http.uploads.start(source, {
    kind,
    name: name || 'file',
    onProgress: (sent) => change({ sent }),
  });
  tasks.set(id, task);
  task.done.then(
    (upload) => {
      tasks.delete(id);
      if (!tray.get().some((item) => item.id === id)) return; // cancelled meanwhile
      tray.update((items) => items.filter((item) => item.id !== id));
      store.send(conversationId, '', { attachmentId: upload.id });
    },
    (err: unknown) => {
      tasks.delete(id);
      if (!tray.get().some((item) => item.id === id)) return;
      change({ status: 'failed', error: uploadErrorText(err) });
    },
  );
}

/** Stops an upload (the server drops what it received) and takes it off the tray. */
export function cancelUpload(conversationId: string, id: number): void {
  void tasks
    .get(id)
    ?.abort({ cancel: true })
    .catch(() => {});
  tasks.delete(id);
  dismissUpload(conversationId, id);
}

export function dismissUpload(conversationId: string, id: number): void {
  trayOf(conversationId).update((items) => items.filter((item) => item.id !== id));
}

/** The refusals uploads meet most, in words that say what to do; anything else as usual. */
function uploadErrorText(err: unknown): string {
  if (isParleyError(err)) {
    const key = `composer:attach.errors.${err.code}`;
    if (i18next.exists(key)) return i18next.t(key);
  }
  return errorText(err);
}
