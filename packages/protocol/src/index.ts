export * from './limits.ts';
export * from './errors.ts';
export * from './schemas/common.ts';
export * from './schemas/accounts.ts';
export * from './schemas/conversations.ts';
export * from './schemas/friends.ts';
export * from './schemas/groups.ts';
export * from './schemas/gateway.ts';
