import path from 'node:path';
import { parseArgs } from 'node:util';
import { demoPassword, people, usernames } from './world.ts';
import { startDemo } from './start.ts';

/**
 * `npm run demo`: Parley with a ready-made world in its own folder (start.ts), so a newcomer
 * sees a living chat in one command. `-- --fresh` makes the world again; `-- --port N`.
 * `--data-dir` and `--web-dir` are for the docs screenshot (apps/web/e2e/screenshots), which
 * seeds a world of its own and serves its own build; start.ts never empties a folder that is
 * not a demo's.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      fresh: { type: 'boolean', default: false },
      port: { type: 'string', default: '8080' },
      'data-dir': { type: 'string' },
      'web-dir': { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`parley demo: --port must be a port number, not "${values.port}"`);
    process.exit(2);
  }
  const say = (text: string) => process.stdout.write(`${text}\n`);
  say(values.fresh ? 'Making the demo world again…' : 'Starting the Parley demo…');
  const demo = await startDemo({
    port,
    fresh: values.fresh,
    ...(values['data-dir'] !== undefined && { dataDir: path.resolve(values['data-dir']) }),
    ...(values['web-dir'] !== undefined && { webDir: path.resolve(values['web-dir']) }),
  });
  const width = Math.max(...usernames.map((u) => u.length)) + 2;
  say('');
  say(`  Parley demo: ${demo.url.replace('127.0.0.1', 'localhost')}`);
  say('');
  say(`  Sign in as one of these, password: ${demoPassword}`);
  for (const username of usernames) {
    const hint =
      username === 'kirito' ? '  ← start here' : username === 'admin' ? '  (the server admin)' : '';
    say(`    ${username.padEnd(width)}${people[username].displayName}${hint}`);
  }
  say('');
  say(
    `  ${demo.seeded ? 'Made a new world' : 'Reusing the world made'} on ${demo.seededAt.slice(0, 10)} in ${demo.dataDir}`,
  );
  say('  (your own Parley data is never touched). `npm run demo -- --fresh` starts it over; Ctrl+C stops.');
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    demo.parley.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error('parley demo: failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
