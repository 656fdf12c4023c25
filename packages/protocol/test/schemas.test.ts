import { describe, expect, it } from 'vitest';
import {
  ClientFrame,
  CreateGroupBody,
  CreateStickerPackBody,
  DisplayName,
  GroupName,
  RegisterBody,
  UpdateProfileBody,
  Username,
  limits,
} from '../src/index.ts';

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

/** Names that draw nothing: each would show as an empty row or an empty header. */
const invisibleNames = {
  'zero-width space': '\u200B',
  'zero-width joiner and non-joiner': '\u200C\u200D',
  'word joiner and invisible operators': '\u2060\u2061\u2062\u2063\u2064',
  'byte order mark': '\uFEFF',
  'Hangul fillers': '\u115F\u1160\u3164\uFFA0',
  'Braille blank': '\u2800\u2800',
  'Mongolian vowel separator': '\u180E',
  'combining grapheme joiner': '\u034F',
  'variation selectors': '\uFE0F\u{E0100}',
  'bidi marks': '\u200E\u200F\u061C',
  'soft hyphen': '\u00AD',
  'ideographic and no-break spaces': '\u3000\u00A0',
  'a mix, padded with ordinary spaces': ' \u200B\u3164 \u2800\u2060 ',
};

/** Names that would not stay on one line. */
const multiLineNames = {
  'line separator': 'Alice\u2028Admin',
  'paragraph separator': 'Alice\u2029Admin',
  'line feed': 'Alice\nAdmin',
  'carriage return': 'Alice\rAdmin',
  'next line (C1 control)': 'Alice\u0085Admin',
  'vertical tab': 'Alice\u000BAdmin',
};

/** Ordinary names in many scripts, which must stay welcome. */
const ordinaryNames = [
  '王小明',
  'محمد علي',
  'שרה כהן',
  'Zoë Müller',
  'Олег',
  'さくら',
  '김민준',
  'นภา',
  '👩‍💻',
  '👩‍👩‍👧 family',
  '🏳️‍🌈 Pride',
  'Alice B',
  'ZWNJ in Persian: می‌خواهم',
];

const nameSchemas = {
  'display names': DisplayName,
  'group names': GroupName,
  'sticker pack names': CreateStickerPackBody.shape.name,
};

describe.each(Object.entries(nameSchemas))('%s', (_, schema) => {
  it.each(Object.entries(invisibleNames))('refuse a name of only %s as blank', (_, name) => {
    const result = schema.safeParse(name);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/blank/);
  });

  it.each(Object.entries(multiLineNames))('refuse a name with a %s as not one line', (_, name) => {
    const result = schema.safeParse(name);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/one line/);
  });

  it('welcome ordinary names in many scripts, emoji joined with ZWJ and one inner space', () => {
    for (const name of ordinaryNames) expect(schema.safeParse(name), name).toMatchObject({ success: true });
  });

  it('welcome a visible name that also holds invisible characters', () => {
    expect(schema.safeParse('\u200BAlice\u3164').success).toBe(true);
  });
});

describe('group names', () => {
  it('are stored trimmed, and the body that creates a group refuses a blank one', () => {
    expect(GroupName.parse('  Class 3 🌷 ')).toBe('Class 3 🌷');
    expect(CreateGroupBody.safeParse({ name: '\u3164' }).success).toBe(false);
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
