import { ConfigError, loadConfig } from './config/load.ts';
import { createParley } from './app.ts';

/** `npm start`: read the configuration, open the store, listen, and shut down cleanly on a signal. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`parley: configuration error: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const parley = await createParley(config);
  const url = await parley.listen();
  parley.services.log.info(`Parley is running at ${url} (database: ${parley.services.store.dialect})`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    parley.services.log.info(`${signal}: shutting down`);
    parley.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error('parley: failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
