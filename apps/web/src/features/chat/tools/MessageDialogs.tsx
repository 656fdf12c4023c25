import { Suspense, lazy } from 'react';
import type { MessageTools } from './use-message-tools.ts';

// Loaded when first opened: not needed to read and write messages.
const ForwardDialog = lazy(() =>
  import('../forward/ForwardDialog.tsx').then((m) => ({ default: m.ForwardDialog })),
);
const HideDialog = lazy(() => import('./HideDialog.tsx').then((m) => ({ default: m.HideDialog })));
const ReportDialog = lazy(() => import('./ReportDialog.tsx').then((m) => ({ default: m.ReportDialog })));
const ImageViewer = lazy(() => import('../media/ImageViewer.tsx').then((m) => ({ default: m.ImageViewer })));

/** The dialogs the chat's message tools open: forward, delete for me, report, and the picture viewer. */
export function MessageDialogs({ conversationId, tools }: { conversationId: string; tools: MessageTools }) {
  const { forwarding, hiding, viewing, reporting, actions } = tools;
  return (
    <Suspense fallback={null}>
      {forwarding && <ForwardDialog messages={forwarding} onClose={actions.forwardClosed} />}
      {hiding && (
        <HideDialog conversationId={conversationId} messages={hiding} onClose={actions.hideClosed} />
      )}
      {reporting && <ReportDialog message={reporting} onClose={() => actions.report(null)} />}
      {viewing && <ImageViewer conversationId={conversationId} messageId={viewing} onShow={actions.view} />}
    </Suspense>
  );
}
