import { Suspense, lazy, useState } from 'react';

// Loaded the first time one is opened, as from the "+" menu (layout/ProfileCard.tsx).
const AddFriendDialog = lazy(() =>
  import('../contacts/AddFriendDialog.tsx').then((m) => ({ default: m.AddFriendDialog })),
);
const CreateGroupDialog = lazy(() =>
  import('../groups/CreateGroupDialog.tsx').then((m) => ({ default: m.CreateGroupDialog })),
);
const JoinGroupDialog = lazy(() =>
  import('../groups/JoinGroupDialog.tsx').then((m) => ({ default: m.JoinGroupDialog })),
);

export type StartDialog = 'addFriend' | 'joinGroup' | 'createGroup';

/** The three ways to find someone to talk to, as dialogs: `open(which)`, and render `dialogs`. */
export function useStartDialogs() {
  const [open, setOpen] = useState<StartDialog | null>(null);
  const close = (o: boolean) => !o && setOpen(null);
  const dialogs = (
    <Suspense fallback={null}>
      {open === 'addFriend' && <AddFriendDialog open onOpenChange={close} />}
      {open === 'createGroup' && <CreateGroupDialog open onOpenChange={close} />}
      {open === 'joinGroup' && <JoinGroupDialog open onOpenChange={close} />}
    </Suspense>
  );
  return { open: setOpen, dialogs };
}
