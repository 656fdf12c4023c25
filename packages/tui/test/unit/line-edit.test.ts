import { describe, expect, it } from 'vitest';
import {
  type EditKey,
  deleteBack,
  editLine,
  emptyLine,
  insert,
  splitTyped,
} from '../../src/text/line-edit.ts';

const none: EditKey = {
  return: false,
  backspace: false,
  delete: false,
  leftArrow: false,
  rightArrow: false,
  home: false,
  end: false,
  ctrl: false,
  meta: false,
  tab: false,
  upArrow: false,
  downArrow: false,
  pageUp: false,
  pageDown: false,
};

describe('editing a line', () => {
  it('takes back a whole emoji with its skin tone, then a whole Chinese character', () => {
    const typed = insert(emptyLine, '早上好👍🏽');
    expect(deleteBack(typed).text).toBe('早上好');
    expect(deleteBack(deleteBack(typed))).toEqual({ text: '早上', cursor: 2 });
  });

  it('splits keys typed faster than they were read back into text and Enter, in order', () => {
    const parts = splitTyped('\u000ealice\rsecret\u007f\r', none);
    expect(parts.map(({ input, key }) => [input, key.ctrl, key.return, key.backspace])).toEqual([
      ['n', true, false, false],
      ['alice', false, false, false],
      ['', false, true, false],
      ['secret', false, false, false],
      ['', false, false, true],
      ['', false, true, false],
    ]);
  });

  it('leaves keys with Ctrl to the screen', () => {
    expect(editLine(emptyLine, 'r', { ...none, ctrl: true })).toBeNull();
    expect(editLine(insert(emptyLine, 'hi'), '', { ...none, return: true })).toEqual({
      next: { text: 'hi', cursor: 2 },
      submit: true,
    });
  });
});
