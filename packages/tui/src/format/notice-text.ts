import type { SystemNotice } from '@parley/protocol';

/** A system notice as a sentence: "Alice added Bob and Carol". */
export function noticeText(notice: SystemNotice, name: (userId: string | null) => string): string {
  const actor = name(notice.actorId);
  const users = listOf(notice.userIds.map(name));
  switch (notice.type) {
    case 'group.created':
      return `${actor} created the group`;
    case 'group.renamed':
      return `${actor} renamed the group to “${notice.detail?.name ?? ''}”`;
    case 'group.updated':
      return `${actor} changed the group settings`;
    case 'member.joined':
      return `${users} joined`;
    case 'member.added':
      return `${actor} added ${users}`;
    case 'member.left':
      return `${users} left`;
    case 'member.removed':
      return `${actor} removed ${users}`;
    case 'member.promoted':
      return `${actor} made ${users} an admin`;
    case 'member.demoted':
      return `${actor} made ${users} a member`;
    case 'member.muted':
      return `${actor} muted ${users}`;
    case 'member.unmuted':
      return `${actor} unmuted ${users}`;
    case 'owner.changed':
      return `${users} is now the owner`;
    case 'group.dissolved':
      return `${actor} dissolved the group`;
    case 'friends.connected':
      return 'You are now friends. Say hello!';
    default:
      return notice.type;
  }
}

function listOf(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
