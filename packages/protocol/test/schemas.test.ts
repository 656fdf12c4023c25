import { describe, expect, it } from 'vitest';
import { ClientFrame, DisplayName, RegisterBody, UpdateProfileBody, Username, limits } from '../src/index.ts';

describe('usernames', () => {
  it('accept letters, digits and inner dots, dashes and underscores', () => {
    for (const name of ['alice', 'Bob_2', 'li.wei', 'a-b-c', '_x_'])
      expect(Username.safeParse(name).success).toBe(true);
  });
  it('refuse spaces, other scripts, edge punctuation and wrong lengths', () => {
    for (const name of ['al', 'a b', '张伟', '.alice', 'alice-', 'x'.repeat(limits.usernameMax + 1)]) {
      expect(Username.safeParse(name).success).toBe(false);
    }
  });
});

describe('display names', () => {
  it('welcome Chinese, accents and emoji joined with ZWJ', () => {
    for (const name of ['张伟', 'Zoë', '👩‍👩‍👧 family', 'O’Brien'])
      expect(DisplayName.safeParse(name).success).toBe(true);
  });
  it('refuse blank names, control characters and bidi overrides that disguise a name', () => {
    for (const name of ['', '   ', 'a\nb', 'a\u0000b', 'evil\u202Egnp.exe']) {
      expect(DisplayName.safeParse(name).success).toBe(false);
    }
  });
  it('refuse names over the limit', () => {
    expect(DisplayName.safeParse('名'.repeat(limits.displayNameMax + 1)).success).toBe(false);
  });
});

describe('request bodies', () => {
  it('refuse unknown fields, so a typo is an error instead of being ignored', () => {
    const result = RegisterBody.safeParse({
      username: 'alice',
      displayName: 'A',
      password: 'secret12',
      admin: true,
    });
    expect(result.success).toBe(false);
  });
  it('refuse a profile update that changes nothing', () => {
    expect(UpdateProfileBody.safeParse({}).success).toBe(false);
    expect(UpdateProfileBody.safeParse({ bio: 'line one\nline two' }).success).toBe(true);
  });
});

describe('client frames', () => {
  it('are told apart by type', () => {
    expect(ClientFrame.parse({ id: '1', type: 'ping' })).toEqual({ id: '1', type: 'ping' });
    expect(ClientFrame.safeParse({ id: '1', type: 'launch' }).success).toBe(false);
  });
  it('need an id of bounded length', () => {
    expect(ClientFrame.safeParse({ type: 'ping' }).success).toBe(false);
    expect(ClientFrame.safeParse({ id: 'x'.repeat(limits.frameIdMax + 1), type: 'ping' }).success).toBe(
      false,
    );
  });
});
