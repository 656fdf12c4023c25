/**
 * How much the web client makes a browser download before it can draw anything: builds
 * apps/web for production, then follows index.html's <script type=module>, <link
 * rel=modulepreload> and <link rel=stylesheet> (what the browser fetches at once) and sums their
 * sizes raw and gzipped. Chunks loaded later (the emoji picker, its data, dialogs) are listed
 * apart. Run: `npx tsx bench/web-bundle/size.ts` (add `--no-build` to measure dist as it is).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const web = fileURLToPath(new URL('../../apps/web/', import.meta.url));
const dist = join(web, 'dist');

if (!process.argv.includes('--no-build')) {
  execFileSync('npm', ['run', 'build', '-w', '@parley/web'], { stdio: 'inherit', cwd: join(web, '../..') });
}

interface Size {
  file: string;
  raw: number;
  gzip: number;
}

function sizeOf(path: string): Size {
  const bytes = readFileSync(path);
  return { file: relative(dist, path), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initialUrls = new Set(
  [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*\bhref)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]!),
);
const initial = [...initialUrls].map((url) => sizeOf(join(dist, url.replace(/^\//, ''))));
const initialFiles = new Set(initial.map((s) => s.file));
const later = filesUnder(join(dist, 'assets'))
  .filter((path) => /\.(js|css)$/.test(path))
  .map(sizeOf)
  .filter((s) => !initialFiles.has(s.file))
  .sort((a, b) => b.gzip - a.gzip);

const print = (line: string) => process.stdout.write(`${line}\n`);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const sum = (list: Size[], pick: (s: Size) => number) => list.reduce((total, s) => total + pick(s), 0);
const js = initial.filter((s) => s.file.endsWith('.js'));
const css = initial.filter((s) => s.file.endsWith('.css'));

print('Loaded at start:');
for (const s of initial)
  print(`  ${s.file.padEnd(48)} ${kb(s.raw).padStart(10)} ${kb(s.gzip).padStart(10)} gzip`);
print(`Initial JavaScript: ${kb(sum(js, (s) => s.raw))} (${kb(sum(js, (s) => s.gzip))} gzip)`);
print(`Initial CSS:        ${kb(sum(css, (s) => s.raw))} (${kb(sum(css, (s) => s.gzip))} gzip)`);
print('Loaded when needed (largest first):');
for (const s of later.slice(0, 12))
  print(`  ${s.file.padEnd(48)} ${kb(s.raw).padStart(10)} ${kb(s.gzip).padStart(10)} gzip`);
print(`  … ${later.length} chunks, ${kb(sum(later, (s) => s.gzip))} gzip in all`);
