/**
 * Who lives in the demo world: five people (the first to register, admin, runs the server),
 * their profiles and avatars, and the two groups. What they do and say, day by day, is in
 * history-*.ts; seed.ts plays it through the API. Everyone signs in with `demoPassword`: the
 * demo listens on this machine only (main.ts), so a password everyone knows is no risk.
 */
export const demoPassword = 'parley-demo';

export const usernames = ['admin', 'kirito', 'asuna', 'alice', 'saber'] as const;
export type Username = (typeof usernames)[number];

export interface DemoPerson {
  username: Username;
  displayName: string;
  /** The profile's signature line. */
  bio: string;
  /** An SVG in assets/demo/, rendered to the avatar picture. */
  avatar: string;
}

export const people: Record<Username, DemoPerson> = {
  admin: {
    username: 'admin',
    displayName: 'Admin',
    bio: 'Keeps this server running · 服务器管理员，有问题找我',
    avatar: 'avatar-admin.svg',
  },
  kirito: {
    username: 'kirito',
    displayName: 'Kirito 桐人',
    bio: 'Dual blades, solo player. 二刀流剑士 ⚔️',
    avatar: 'avatar-kirito.svg',
  },
  asuna: {
    username: 'asuna',
    displayName: 'Asuna 亚丝娜',
    bio: '料理是一门科学 · Cooking is a science 🍳',
    avatar: 'avatar-asuna.svg',
  },
  alice: {
    username: 'alice',
    displayName: 'Alice',
    bio: 'Usually in the library 📚 正在学中文',
    avatar: 'avatar-alice.svg',
  },
  saber: {
    username: 'saber',
    displayName: 'Saber',
    bio: 'King of Knights. I judge food fairly.',
    avatar: 'avatar-saber.svg',
  },
};

export const groupKeys = ['aincrad', 'cooking'] as const;
export type GroupKey = (typeof groupKeys)[number];

export interface DemoGroup {
  owner: Username;
  name: string;
  description: string;
  /** The owner's friends put in at creation; others come in by invitation (history-*.ts). */
  members: Username[];
  avatar: string;
}

export const groups: Record<GroupKey, DemoGroup> = {
  aincrad: {
    owner: 'asuna',
    name: '艾恩葛朗特攻略组',
    description: 'Boss 攻略、地图、装备交流 · raids, maps and gear',
    members: ['kirito', 'alice'],
    avatar: 'group-aincrad.svg',
  },
  cooking: {
    owner: 'alice',
    name: 'Weekend Cooking Club',
    description: 'Recipes, photos and kitchen disasters 🍳',
    members: ['asuna', 'saber', 'kirito'],
    avatar: 'group-cooking.svg',
  },
};

/** Where a line is said: the lobby, a group, or the direct conversation of two people ("kirito+asuna"). */
export type Chat = 'lobby' | GroupKey | `${Username}+${Username}`;
