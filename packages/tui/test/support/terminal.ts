import path from 'node:path';
import { fileURLToPath } from 'node:url';
import xterm from '@xterm/headless';
import unicode11 from '@xterm/addon-unicode11';
import pty from 'node-pty';
import { onTestFinished } from 'vitest';
import { bundlePath } from '../../build.ts';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sources = ['--import', 'tsx', path.join(packageDir, 'src/main.tsx')];

/** Keys by name, as a terminal sends them. */
export const keys = {
  enter: '\r',
  tab: '\t',
  escape: '\u001b',
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  pageUp: '\u001b[5~',
  pageDown: '\u001b[6~',
  backspace: '\u007f',
} as const;

/** Ctrl+`letter`, as a terminal sends it. */
export const ctrl = (letter: string) => String.fromCharCode(letter.toLowerCase().charCodeAt(0) - 96);

export interface TerminalOptions {
  server: string;
  /** PARLEY_TUI_STATE_DIR: where the token and the outbox are kept. */
  stateDir: string;
  cols?: number;
  rows?: number;
  /**
   * Run the TypeScript sources through tsx, as `npm run tui` does, instead of the bundle the
   * global setup built (the same code, up in a fraction of the time).
   */
  fromSources?: boolean;
}

/**
 * parley-tui running in a pseudo-terminal, read through a headless xterm of the same size: the
 * screen a person sees, with wide characters taking two cells (Unicode 11 widths, as current
 * terminals use). Tests type keys and wait for text to appear.
 */
export class Terminal {
  readonly cols: number;
  readonly rows: number;
  /** Resolves with the exit code once the program has ended. */
  readonly exited: Promise<number>;
  private readonly term: xterm.Terminal;
  private readonly process: pty.IPty;
  private pendingWrites = Promise.resolve();
  private closed = false;

  constructor({ server, stateDir, cols = 100, rows = 30, fromSources = false }: TerminalOptions) {
    this.cols = cols;
    this.rows = rows;
    this.term = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
    this.term.loadAddon(new unicode11.Unicode11Addon());
    this.term.unicode.activeVersion = '11';
    const program = fromSources ? sources : [bundlePath];
    this.process = pty.spawn(process.execPath, [...program, '--server', server], {
      name: 'xterm-256color',
      cols,
      rows,
      cwd: packageDir,
      env: {
        ...process.env,
        TSX_TSCONFIG_PATH: path.join(packageDir, 'tsconfig.json'),
        PARLEY_TUI_STATE_DIR: stateDir,
        TERM: 'xterm-256color',
        FORCE_COLOR: '1',
      },
    });
    this.process.onData((data) => {
      this.pendingWrites = this.pendingWrites.then(
        () => new Promise<void>((done) => this.term.write(data, done)),
      );
    });
    this.exited = new Promise((resolve) => this.process.onExit(({ exitCode }) => resolve(exitCode)));
    // A test that fails half-way leaves no client running behind it.
    onTestFinished(() => this.close());
  }

  /** Types text as a person would: the keys of one string arrive together, then a short pause. */
  async type(...inputs: string[]): Promise<void> {
    for (const input of inputs) {
      this.process.write(input);
      await sleep(40);
    }
  }

  /** The screen's rows as text (a wide character counts once, its second cell left out). */
  lines(): string[] {
    const buffer = this.term.buffer.active;
    return Array.from({ length: this.rows }, (_, y) => buffer.getLine(y)?.translateToString(true) ?? '');
  }

  screen(): string {
    return this.lines().join('\n');
  }

  /** Row `y` cell by cell: a wide character, then '' for the cell it also covers. */
  cells(y: number): string[] {
    const line = this.term.buffer.active.getLine(y);
    return Array.from({ length: this.cols }, (_, x) => line?.getCell(x)?.getChars() ?? '');
  }

  /** The first row whose text contains `text`, or -1. */
  rowOf(text: string): number {
    return this.lines().findIndex((line) => line.includes(text));
  }

  /** Waits until the screen shows `text` (or matches it); resolves with the screen then. */
  async waitForText(text: string | RegExp, timeoutMs = 15_000): Promise<string> {
    return this.waitFor(
      (screen) => (typeof text === 'string' ? screen.includes(text) : text.test(screen)),
      `the screen to show ${String(text)}`,
      timeoutMs,
    );
  }

  /**
   * Presses `key` until the screen shows `text`, as a person holds PgUp until the top: after
   * each press it waits for the screen to change (a page drawn, or loaded) for up to a second.
   */
  async pressUntil(key: string, text: string, maxPresses = 20): Promise<string> {
    for (let i = 0; i < maxPresses; i++) {
      await this.pendingWrites;
      const before = this.screen();
      if (before.includes(text)) return before;
      await this.type(key);
      await this.waitFor((screen) => screen !== before, 'a redraw', 1000).catch(() => undefined);
    }
    return this.waitForText(text);
  }

  /** Waits until `text` is gone from the screen. */
  async waitForNoText(text: string, timeoutMs = 15_000): Promise<string> {
    return this.waitFor((screen) => !screen.includes(text), `${text} to go`, timeoutMs);
  }

  async waitFor(check: (screen: string) => boolean, what: string, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.pendingWrites;
      const screen = this.screen();
      if (check(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the screen was:\n${screen}`);
      await sleep(25);
    }
  }

  /** Ends the program (as closing the window would: SIGHUP) and waits for it; SIGKILL if it lingers. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.process.kill();
    const ended = await Promise.race([this.exited.then(() => true), sleep(3000).then(() => false)]);
    if (!ended) this.process.kill('SIGKILL');
    this.term.dispose();
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
