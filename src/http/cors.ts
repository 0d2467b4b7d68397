import type { CorsOptions } from 'cors';
import type { GatewayConfig } from '../config/index.js';

/** Origin of Apollo Sandbox (studio), allowed by CORS outside production. */
export const SANDBOX_ORIGIN = 'https://studio.apollographql.com';
const LOCALHOST_ORIGIN = /^https?:\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?::\d{1,5})?$/;

/** CORS per DESIGN.md section 8: Sandbox and localhost outside production, only CORS_ORIGINS in production. */
export function corsOptions(config: Pick<GatewayConfig, 'production' | 'corsOrigins'>): CorsOptions {
  const listed = new Set(config.corsOrigins);
  const allowed = (origin: string): boolean =>
    listed.has(origin) ||
    (!config.production && (origin === SANDBOX_ORIGIN || LOCALHOST_ORIGIN.test(origin)));
  return {
    // `false` (not an error) for a refused origin: the response simply lacks the CORS headers.
    origin: (origin, callback) => callback(null, origin !== undefined && allowed(origin)),
    methods: ['GET', 'POST', 'OPTIONS'],
    exposedHeaders: ['x-request-id'],
    maxAge: 600,
  };
}
