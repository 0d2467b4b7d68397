/**
 * Entry point of `npm start`: the only module with side effects. Runs `main` with the process environment, turns
 * an invalid configuration into a clear message and exit code 1, and stops the gateway on SIGTERM/SIGINT.
 */
import { ConfigError } from './config/index.js';
import { main, type Running } from './main.js';

let running: Running;
try {
  running = await main(process.env);
} catch (error) {
  process.stderr.write(
    error instanceof ConfigError
      ? `${error.message}\n`
      : `Failed to start the gateway: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
}

let shuttingDown = false;
const shutdown = (signal: NodeJS.Signals): void => {
  if (shuttingDown) return;
  shuttingDown = true;
  const { logger } = running;
  logger.info({ signal }, 'shutting down: draining in-flight requests');
  running.stop().then(
    () => {
      logger.info('stopped');
      process.exit(0);
    },
    (error: unknown) => {
      logger.error({ err: error }, 'error during shutdown');
      process.exit(1);
    },
  );
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
