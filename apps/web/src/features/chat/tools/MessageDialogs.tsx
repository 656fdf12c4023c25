import { Suspense, lazy } from 'react';
import type { MessageTools } from './use-message-tools.ts';

// Loaded when first opened: not needed to read and write messages.
const ForwardDialog = lazy(() =>
  import('../forward/ForwardDialog.tsx').then((m) => ({ default: m.ForwardDialog })),
);
const ImageViewer = lazy(() => import('../media/ImageViewer.tsx').then((m) => ({ default: m.ImageViewer })));

/** The dialogs the chat's message tools open: forward, and the picture viewer. */
export function MessageDialogs({ conversationId, tools }: { conversationId: string; tools: MessageTools }) {
  const { forwarding, viewing, actions } = tools;
  return (
    <Suspense fallback={null}>
      {forwarding && <ForwardDialog messages={forwarding} onClose={actions.forwardClosed} />}
      {viewing && <ImageViewer conversationId={conversationId} messageId={viewing} onShow={actions.view} />}
    </Suspense>
  );
}
