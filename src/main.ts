/**
 * What `npm start` runs, as a function without process-wide side effects (no signal handlers, no exit, no reading
 * of `process.env`), so tests can start and stop it. `src/index.ts` calls it with the real environment.
 */
import type { Logger } from 'pino';
import { loadConfig, type Env } from './config/index.js';
import { createLogger } from './observability/logger.js';
import { createGateway } from './gateway.js';

export interface MainOptions {
  /** Root logger; default JSON on stdout at the configured LOG_LEVEL. */
  logger?: Logger;
}

export interface Running {
  /** The GraphQL endpoint. */
  url: string;
  /** Drains and stops the gateway, then the embedded demo tenant (if any). Safe to call twice. */
  stop(): Promise<void>;
  /** The root logger (for the caller's own lines, e.g. on shutdown). */
  logger: Logger;
}

/**
 * Validates `env` (rejects with a ConfigError naming every invalid variable), starts the embedded demo tenant when
 * no SailPoint tenant is configured (and says so in one log line), then the gateway.
 */
export async function main(env: Env, options: MainOptions = {}): Promise<Running> {
  const config = loadConfig(env);
  const logger = options.logger ?? createLogger({ level: config.logLevel });

  // Demo mode: a SailPoint-compatible tenant on a free loopback port, so `npm start` works with no setup.
  // Imported only here: a gateway in front of a real tenant never loads the simulator's code.
  const tenant =
    config.mode === 'demo'
      ? await (
          await import('./demo-tenant/index.js')
        ).startDemoTenant({ port: 0, host: '127.0.0.1', progressIntervalMs: 5000 })
      : undefined;
  if (tenant !== undefined) {
    logger.info(
      { demoTenantUrl: tenant.url },
      'demo mode: no SAILPOINT_BASE_URL set, serving the embedded demo tenant to anonymous callers',
    );
  }

  let gateway;
  try {
    gateway = await createGateway(config, {
      logger,
      ...(tenant !== undefined ? { demoTenant: tenant } : {}),
    });
  } catch (error) {
    await tenant?.stop();
    throw error;
  }
  logger.info({ url: gateway.url, mode: config.mode }, `gateway ready at ${gateway.url}`);

  const started = gateway;
  let stopping: Promise<void> | undefined;
  return {
    url: started.url,
    logger,
    stop() {
      stopping ??= (async () => {
        try {
          await started.stop();
        } finally {
          await tenant?.stop();
        }
      })();
      return stopping;
    },
  };
}
