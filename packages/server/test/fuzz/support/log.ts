import pino, { type Logger } from 'pino';

export interface LogLine {
  level: number;
  msg?: string;
  [key: string]: unknown;
}

/**
 * A logger whose lines (warn and above) stay in memory, so a test can say "the server logged
 * no error": a fuzzed input that reaches a `log.error` is a fault of ours even when the client
 * got a clean refusal.
 */
export function capturingLogger(): { log: Logger; lines: LogLine[]; errors(): LogLine[] } {
  const lines: LogLine[] = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { log, lines, errors: () => lines.filter((l) => l.level >= 50) };
}
