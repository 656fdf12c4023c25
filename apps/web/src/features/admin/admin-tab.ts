/** The admin console's tabs (AdminConsole.tsx). */
export type AdminTab = 'overview' | 'users' | 'groups' | 'reports' | 'settings' | 'audit';
