import { open } from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';
import sharp from 'sharp';

export interface Detected {
  mime: string;
  ext: string;
}

const unknown: Detected = { mime: 'application/octet-stream', ext: 'bin' };
const headBytes = 4096;

/**
 * The real type from the bytes (file-type's fileTypeFromFile), never the name or a client's claim.
 * Not recognised → octet-stream. Two text formats file-type leaves alone are recognised here:
 * SVG (it may pass for text or XML, but it is a document that can carry script, so it is named
 * for what it is and only ever served as a file) and plain UTF-8 text.
 *
 * `mime` is file-type's, parameters included: Ogg Opus comes back as `audio/ogg; codecs=opus`.
 */
export async function detectType(path: string): Promise<Detected> {
  const head = await readHead(path);
  if (looksLikeSvg(head)) return { mime: 'image/svg+xml', ext: 'svg' };
  const found = await fileTypeFromFile(path);
  if (found) return { mime: found.mime, ext: found.ext };
  if (isUtf8Text(head)) return { mime: 'text/plain', ext: 'txt' };
  return unknown;
}

async function readHead(path: string): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(headBytes);
    const { bytesRead } = await file.read(buffer, 0, headBytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/**
 * Optional BOM and whitespace, an optional XML declaration, then comments, a doctype and
 * whitespace in any order, then the <svg root element. A loop, not one regular expression,
 * so a crafted head cannot make it backtrack.
 */
function looksLikeSvg(head: Buffer): boolean {
  const text = head.toString('utf8');
  let at = text.startsWith('\uFEFF') ? 1 : 0;
  for (;;) {
    while (at < text.length && /\s/.test(text[at]!)) at++;
    const rest = text.slice(at, at + 9).toLowerCase();
    let end: number;
    if (rest.startsWith('<?xml')) end = endOf(text, '?>', at);
    else if (rest.startsWith('<!--')) end = endOf(text, '-->', at + 4);
    else if (rest.startsWith('<!doctype')) end = endOfDoctype(text, at);
    else return /^<svg[\s>/]/i.test(text.slice(at, at + 5));
    if (end < 0) return false;
    at = end;
  }
}

/** The index just past `marker` at or after `from`, or -1. */
function endOf(text: string, marker: string, from: number): number {
  const found = text.indexOf(marker, from);
  return found < 0 ? -1 : found + marker.length;
}

/** Past `<!DOCTYPE svg … [ internal subset ] >`; the subset may itself hold `>`. */
function endOfDoctype(text: string, from: number): number {
  const close = text.indexOf('>', from);
  const subset = text.indexOf('[', from);
  if (subset >= 0 && (close < 0 || subset < close)) {
    const subsetEnd = text.indexOf(']', subset);
    return subsetEnd < 0 ? -1 : endOf(text, '>', subsetEnd);
  }
  return close < 0 ? -1 : close + 1;
}

/** No NUL byte and valid UTF-8 (a character cut off at the end of the head is allowed). */
function isUtf8Text(head: Buffer): boolean {
  if (head.length === 0 || head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** The MIME type without parameters, lower case: `audio/ogg; codecs=opus` → `audio/ogg`. */
export const essence = (mime: string): string => mime.split(';')[0]!.trim().toLowerCase();

/**
 * HEIC is HEVC inside HEIF. sharp's prebuilt libvips decodes AVIF (AV1) only, for patent
 * reasons; a libvips built with an HEVC decoder lists `.heic` among its HEIF suffixes.
 */
const decodesHeic = sharp.format.heif.input.fileSuffix?.includes('.heic') ?? false;

const inlineImages = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif']);
if (decodesHeic) inlineImages.add('image/heic');

/**
 * Raster images Parley decodes and shows inline. Never image/svg+xml: an SVG can carry script,
 * so it is only ever a file.
 */
export function isInlineImage(mime: string): boolean {
  return inlineImages.has(essence(mime));
}

// file-type names WebM `video/webm` even when it holds only audio; probeVoice checks the codec.
const voiceContainers = new Set(['audio/ogg', 'audio/webm', 'video/webm', 'audio/opus']);

/** Voice containers accepted before probing; probeVoice then insists on Opus. */
export function isVoiceContainer(mime: string): boolean {
  return voiceContainers.has(essence(mime));
}
