/**
 * Every JSON example in PROTOCOL.md parses with the schema it illustrates, so the document
 * cannot drift from the contract unnoticed.
 *
 * Each ```json block, and the body of each ```http block, follows an HTML comment (invisible
 * when rendered) that names its schema:
 *
 *   <!-- schema: Message -->                an export of this package
 *   <!-- schema: frame -->                  a client frame (ClientFrame)
 *   <!-- schema: reply message.send -->     the `{ re, ok }` reply to that frame type
 *   <!-- schema: error reply -->            a `{ re, error }` reply
 *   <!-- schema: event message.created -->  `{ event, data }`, data checked by serverEvents
 *   <!-- schema: none (why) -->             not checked, for a reason written down
 *
 * A block without one fails, so a new example cannot slip in untested.
 *
 * Strict: zod drops keys an object schema does not declare, so a renamed field would parse.
 * The test therefore walks each example beside its schema and fails on any key that no object
 * schema on the way declares.
 *
 * Abbreviated: an object holding `"…": "…"` stands for one whose other fields were left out to
 * keep the example short. The keys it leaves out are not required; every key it shows must
 * still be right. (Do not abbreviate inside a union: no branch would match, and the test fails.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as protocol from '../src/index.ts';
import { ClientFrame, ErrorResponse, type FrameResults, limits, serverEvents } from '../src/index.ts';

const markdown = readFileSync(new URL('../PROTOCOL.md', import.meta.url), 'utf8');

interface Example {
  /** 1-based line of the opening fence. */
  line: number;
  heading: string;
  /** What follows `schema:` in the comment before the block; undefined when there is none. */
  annotation: string | undefined;
  json: string;
}

const annotationPattern = /^<!-- schema: (.+?) -->$/;

function extractExamples(text: string): Example[] {
  const lines = text.split('\n');
  const examples: Example[] = [];
  let heading = '(top)';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^#{1,6} /.test(line)) heading = line;
    const fence = /^\s*```(json|http)\s*$/.exec(line);
    if (!fence) continue;
    const start = i;
    const body: string[] = [];
    while (++i < lines.length && lines[i]!.trim() !== '```') body.push(lines[i]!);
    // An http block is a message: its JSON body, if any, starts after the first empty line.
    const blank = body.findIndex((l) => !l.trim());
    const json = fence[1] === 'json' ? body : blank < 0 ? [] : body.slice(blank + 1);
    if (!json.join('').trim()) continue;
    const before = lines.slice(0, start).findLast((l) => l.trim());
    const annotation = annotationPattern.exec(before?.trim() ?? '')?.[1];
    examples.push({ line: start + 1, heading, annotation, json: json.join('\n') });
  }
  return examples;
}

/** The `ok` of each frame type's reply; typed so that a new frame type must be added here. */
const frameResults: { [K in keyof FrameResults]: z.ZodType<FrameResults[K]> } = {
  hello: protocol.HelloResult,
  ping: protocol.PingResult,
  'message.send': protocol.MessageAck,
  sync: protocol.SyncResult,
  typing: z.record(z.string(), z.never()),
  read: protocol.ReadResult,
};

const ErrorReply = z.strictObject({ re: z.string().nullable(), error: ErrorResponse.shape.error });

function schemaFor(annotation: string): z.ZodType {
  if (annotation === 'frame') return ClientFrame;
  if (annotation === 'error reply') return ErrorReply;
  const [kind, name = ''] = annotation.split(' ');
  if (kind === 'event') {
    if (!Object.hasOwn(serverEvents, name)) throw new Error(`no server event "${name}"`);
    const data = serverEvents[name as keyof typeof serverEvents];
    return z.strictObject({ event: z.literal(name), data });
  }
  if (kind === 'reply') {
    if (!Object.hasOwn(frameResults, name)) throw new Error(`no frame type "${name}"`);
    return z.strictObject({ re: z.string(), ok: frameResults[name as keyof FrameResults] });
  }
  const exported: unknown = (protocol as Record<string, unknown>)[annotation];
  if (!(exported instanceof z.ZodType))
    throw new Error(`"${annotation}" is not a schema this package exports`);
  return exported;
}

type Path = readonly PropertyKey[];
const show = (path: Path) => (path.length ? path.map(String).join('.') : '(root)');
const at = (value: unknown, path: Path) =>
  path.reduce<unknown>((v, key) => (v as Record<PropertyKey, unknown> | undefined)?.[key], value);
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isAbbreviated = (value: unknown) => isRecord(value) && value['…'] === '…';

/**
 * Keys in `value` that no object schema declares, where zod would silently drop them.
 * Reads zod's schema definitions (`_zod.def`, typed in zod's core API) to walk beside the value.
 */
function undeclaredKeys(schema: z.core.$ZodType, value: unknown, path: Path = []): string[] {
  const def = (schema as z.core.$ZodTypes)._zod.def;
  switch (def.type) {
    case 'object': {
      if (!isRecord(value)) return [];
      return Object.entries(value).flatMap(([key, v]) => {
        const inner = def.shape[key] ?? def.catchall;
        if (key === '…' && v === '…') return [];
        if (!inner) return [`${show([...path, key])}: a key the schema does not declare`];
        return undeclaredKeys(inner, v, [...path, key]);
      });
    }
    case 'array':
      return Array.isArray(value)
        ? value.flatMap((v, i) => undeclaredKeys(def.element, v, [...path, i]))
        : [];
    case 'tuple':
      return Array.isArray(value)
        ? value.flatMap((v, i) => {
            const item = def.items[i] ?? def.rest;
            return item ? undeclaredKeys(item, v, [...path, i]) : [];
          })
        : [];
    case 'record':
      return isRecord(value)
        ? Object.entries(value).flatMap(([k, v]) => undeclaredKeys(def.valueType, v, [...path, k]))
        : [];
    case 'union': {
      // Walk the branch the value parses as. None does when the value is wrong (zod says how)
      // or abbreviated, and then its keys cannot be checked: say so, rather than pass it.
      const branch = def.options.find((option) => z.safeParse(option, value).success);
      if (branch) return undeclaredKeys(branch, value, path);
      return [`${show(path)}: matches no branch of its union, so its keys went unchecked`];
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return undeclaredKeys(def.innerType, value, path);
    case 'pipe':
      return undeclaredKeys(def.in, value, path);
    case 'lazy':
      return undeclaredKeys(def.getter(), value, path);
    default:
      return [];
  }
}

/** Whether zod's complaint is only about a field an abbreviated object left out, or its marker. */
function isAbbreviation(issue: z.core.$ZodIssue, example: unknown): boolean {
  if (issue.code === 'unrecognized_keys')
    return issue.keys.every((k) => k === '…') && isAbbreviated(at(example, issue.path));
  const parent = at(example, issue.path.slice(0, -1));
  const key = issue.path.at(-1);
  return isAbbreviated(parent) && key !== undefined && !Object.hasOwn(parent as object, key);
}

/** What is wrong with an example, as `path: problem` lines; empty when it is right. */
function problemsOf(example: Example): string[] {
  if (!example.annotation)
    return ['no <!-- schema: … --> comment right before the block: name its schema, or none (why)'];
  if (example.annotation.startsWith('none')) {
    return /^none \(.+\)$/.test(example.annotation) ? [] : ['"schema: none" needs a reason: none (why)'];
  }
  const value: unknown = JSON.parse(example.json);
  const schema = schemaFor(example.annotation);
  const issues = schema.safeParse(value).error?.issues ?? [];
  return [
    ...issues.filter((issue) => !isAbbreviation(issue, value)).map((i) => `${show(i.path)}: ${i.message}`),
    ...undeclaredKeys(schema, value),
  ];
}

const examples = extractExamples(markdown);

describe('PROTOCOL.md', () => {
  it('has examples, and every schema comment sits right before one', () => {
    expect(examples.length).toBeGreaterThan(50);
    const comments = markdown.split('\n').filter((l) => annotationPattern.test(l.trim()));
    expect(comments.length).toBe(examples.filter((e) => e.annotation).length);
  });

  const headings = [...new Set(examples.map((e) => e.heading))];
  for (const heading of headings) {
    describe(heading, () => {
      for (const example of examples.filter((e) => e.heading === heading)) {
        it(`line ${example.line} (${example.annotation ?? 'no schema'}) parses`, () => {
          expect(problemsOf(example)).toEqual([]);
        });
      }
    });
  }

  it("GET /server's example lists every limit, as the server sends limits.ts", () => {
    const example = examples.find((e) => e.annotation === 'ServerInfo');
    expect(example && protocol.ServerInfo.parse(JSON.parse(example.json)).limits).toEqual(limits);
  });
});
