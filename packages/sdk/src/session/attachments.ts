import type { UploadKind } from '@parley/protocol';
import type { UploadSource, UploadTask, UploadsApi } from '../api/uploads.ts';
import { ParleyError } from '../errors.ts';
import type { ConversationStore } from '../state/store.ts';

/** One file on its way into a conversation: uploading, then sent as its own message. */
export interface Attachment {
  id: number;
  conversationId: string;
  name: string;
  size: number;
  kind: UploadKind;
  /** Bytes sent so far (of `size`). */
  sent: number;
  status: 'uploading' | 'failed';
  /** Why it failed (a ParleyError for the server's refusals). */
  error?: unknown;
}

const none: readonly Attachment[] = [];

/**
 * Files being uploaded into conversations, each sent as a message once uploaded: what a
 * composer's tray shows, with progress, for any conversation (an upload goes on while the user
 * looks at another chat). Kept by the session, so it ends with it (sign-out aborts them).
 */
export class Attachments {
  private items: readonly Attachment[] = none;
  private readonly byConversation = new Map<string, readonly Attachment[]>();
  private readonly tasks = new Map<number, UploadTask>();
  private readonly listeners = new Set<() => void>();
  private nextId = 1;

  constructor(
    private readonly uploads: UploadsApi,
    private readonly messages: ConversationStore,
  ) {}

  /** The conversation's uploads in progress or failed; the same array until they change. */
  of(conversationId: string): readonly Attachment[] {
    let list = this.byConversation.get(conversationId);
    if (!list) {
      list = this.items.filter((a) => a.conversationId === conversationId);
      this.byConversation.set(conversationId, list.length > 0 ? list : none);
    }
    return list.length > 0 ? list : none;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Uploads `source` and sends it into the conversation when done. */
  start(
    conversationId: string,
    source: UploadSource,
    { kind, name }: { kind: UploadKind; name: string },
  ): number {
    const id = this.nextId++;
    const size = source instanceof Uint8Array ? source.byteLength : source.size;
    this.set([...this.items, { id, conversationId, name, size, kind, sent: 0, status: 'uploading' }]);
    if (size === 0) {
      this.change(id, {
        status: 'failed',
        error: new ParleyError('empty', 'the file is empty', { status: 0 }),
      });
      return id;
    }
    const task = this.uploads.start(source, {
      kind,
      name: name || 'file',
      onProgress: (sent) => this.change(id, { sent }),
    });
    this.tasks.set(id, task);
    task.done.then(
      (upload) => {
        this.tasks.delete(id);
        if (!this.items.some((a) => a.id === id)) return; // cancelled meanwhile
        this.dismiss(id);
        this.messages.send(conversationId, '', { attachmentId: upload.id });
      },
      (error: unknown) => {
        this.tasks.delete(id);
        this.change(id, { status: 'failed', error });
      },
    );
    return id;
  }

  /** Stops an upload (the server drops what it received) and takes it off the tray. */
  cancel(id: number): void {
    void this.tasks
      .get(id)
      ?.abort({ cancel: true })
      .catch(() => {});
    this.tasks.delete(id);
    this.dismiss(id);
  }

  dismiss(id: number): void {
    if (this.items.some((a) => a.id === id)) this.set(this.items.filter((a) => a.id !== id));
  }

  /** Aborts every upload (sign-out). */
  dispose(): void {
    for (const id of [...this.tasks.keys()]) this.cancel(id);
    this.listeners.clear();
  }

  private change(id: number, patch: Partial<Attachment>): void {
    if (!this.items.some((a) => a.id === id)) return;
    this.set(this.items.map((a) => (a.id === id ? { ...a, ...patch } : a)));
  }

  private set(items: readonly Attachment[]): void {
    this.items = items;
    this.byConversation.clear();
    for (const listener of [...this.listeners]) listener();
  }
}
