/**
 * Entry point of `npm start`: the only module with side effects. Reads the environment, starts the embedded
 * demo tenant when no SailPoint tenant is configured, starts the gateway and stops it on SIGTERM/SIGINT.
 */
import { ConfigError, loadConfig, type GatewayConfig } from './config.js';
import { startDemoTenant } from './demo-tenant/index.js';
import { createLogger } from './observability/logger.js';
import { createGateway } from './server.js';

async function main(): Promise<void> {
  let config: GatewayConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  const logger = createLogger({ level: config.logLevel });

  // Demo mode: a SailPoint-compatible tenant on a free loopback port, so `npm start` works with no setup.
  const tenant = config.mode === 'demo' ? await startDemoTenant({ port: 0, host: '127.0.0.1' }) : undefined;
  if (tenant !== undefined) {
    logger.info(
      { demoTenantUrl: tenant.url },
      'demo mode: no SAILPOINT_BASE_URL set, serving the embedded demo tenant to anonymous callers',
    );
  }

  const gateway = await createGateway(config, {
    logger,
    ...(tenant !== undefined ? { demoTenant: tenant } : {}),
  });
  logger.info({ url: gateway.url, mode: config.mode }, `gateway ready at ${gateway.url}`);

  let shuttingDown = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down: draining in-flight requests');
    void (async () => {
      try {
        await gateway.stop();
        await tenant?.stop();
        logger.info('stopped');
        process.exit(0);
      } catch (error) {
        logger.error({ err: error }, 'error during shutdown');
        process.exit(1);
      }
    })();
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Failed to start the gateway: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
