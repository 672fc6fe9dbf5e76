import { ConfigError, loadConfig, type Config } from '../../src/config.js';

/** The configuration, or the Chinese reason on stderr and exit code 2 (as `npm start` does). */
export function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(2);
  }
}
