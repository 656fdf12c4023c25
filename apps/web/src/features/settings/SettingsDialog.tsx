import { Dialog } from '../../ui/Dialog.tsx';

/** Placeholder until this dialog is built. */
export function SettingsDialog({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="SettingsDialog">
      <p>…</p>
    </Dialog>
  );
}
