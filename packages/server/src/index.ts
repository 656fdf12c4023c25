export { createParley, type Parley } from './app.ts';
export { ConfigError, loadConfig, databaseUrlOf } from './config/load.ts';
export { settings, type Config } from './config/settings.ts';
