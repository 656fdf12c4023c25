import { graphemes } from './width.ts';

/**
 * A one-line editor's state and its edits, by grapheme (a Chinese character, an emoji with
 * its modifiers): the cursor never lands inside one, so backspace removes what the user sees
 * as one character. `cursor` counts graphemes before it.
 */
export interface LineState {
  text: string;
  cursor: number;
}

export const emptyLine: LineState = { text: '', cursor: 0 };

export function insert(state: LineState, typed: string): LineState {
  const parts = graphemes(state.text);
  const added = graphemes(typed.replace(/\r\n?|\n/g, ' '));
  parts.splice(state.cursor, 0, ...added);
  return { text: parts.join(''), cursor: state.cursor + added.length };
}

export function deleteBack(state: LineState): LineState {
  if (state.cursor === 0) return state;
  const parts = graphemes(state.text);
  parts.splice(state.cursor - 1, 1);
  return { text: parts.join(''), cursor: state.cursor - 1 };
}

export function moveCursor(state: LineState, by: number | 'start' | 'end'): LineState {
  const length = graphemes(state.text).length;
  const cursor =
    by === 'start' ? 0 : by === 'end' ? length : Math.min(length, Math.max(0, state.cursor + by));
  return { ...state, cursor };
}

/** The keys of Ink's useInput that editing looks at. */
export interface EditKey {
  return: boolean;
  backspace: boolean;
  delete: boolean;
  leftArrow: boolean;
  rightArrow: boolean;
  home: boolean;
  end: boolean;
  ctrl: boolean;
  meta: boolean;
  tab: boolean;
  upArrow: boolean;
  downArrow: boolean;
  pageUp: boolean;
  pageDown: boolean;
}

const noKey: EditKey = {
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

/**
 * Keys typed faster than the program reads them arrive as one chunk (`\x0ealice\rsecret`), and
 * Ink passes a chunk without escape sequences on as one "input": this splits it back into
 * text runs and the control keys between them (Enter, Tab, Backspace, Ctrl+letter), in order.
 */
export function splitTyped<K extends EditKey>(input: string, key: K): { input: string; key: K }[] {
  // eslint-disable-next-line no-control-regex -- control characters are what is looked for
  const control = /([\u0000-\u001f\u007f])/;
  if (input.length <= 1 || !control.test(input)) return [{ input, key }];
  const plain = { ...key, ...noKey };
  return input
    .replace(/\r\n/g, '\r')
    .split(control)
    .filter((part) => part !== '')
    .map((part) => {
      if (!control.test(part)) return { input: part, key: plain };
      const code = part.charCodeAt(0);
      if (part === '\r' || part === '\n') return { input: '', key: { ...plain, return: true } };
      if (part === '\t') return { input: '', key: { ...plain, tab: true } };
      if (part === '\u007f' || part === '\b') return { input: '', key: { ...plain, backspace: true } };
      if (code >= 1 && code <= 26)
        return { input: String.fromCharCode(code + 96), key: { ...plain, ctrl: true } };
      return { input: '', key: plain };
    });
}

/**
 * One keypress applied to a line: the new state, and whether Enter was pressed (`submit`).
 * Null for keys that are not editing (with Ctrl or Meta, arrows up and down, Tab…): they are
 * the screen's shortcuts. Give it what splitTyped made of Ink's input.
 */
export function editLine(
  state: LineState,
  input: string,
  key: EditKey,
): { next: LineState; submit: boolean } | null {
  if (key.return) return { next: state, submit: true };
  if (key.backspace || key.delete) return { next: deleteBack(state), submit: false };
  if (key.leftArrow) return { next: moveCursor(state, -1), submit: false };
  if (key.rightArrow) return { next: moveCursor(state, 1), submit: false };
  if (key.home) return { next: moveCursor(state, 'start'), submit: false };
  if (key.end) return { next: moveCursor(state, 'end'), submit: false };
  if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow || key.pageUp || key.pageDown)
    return null;
  if (!input) return null;
  return { next: insert(state, input), submit: false };
}
