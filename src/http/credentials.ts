import { HeaderMap } from '@apollo/server';
import type { Request } from 'express';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config/index.js';
import { apiKeyMatches, type CallerCredential } from '../core/credential.js';

export { apiKeyMatches, sha256 } from '../core/credential.js';

/** Who is calling: the credential of a request, by mode (DESIGN.md section 2). Never logged. */

export function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function bearerToken(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header(req, 'authorization') ?? '');
  return match?.[1];
}

/** `Cache-Control: no-cache` from the caller: fresh data for a refresh button (DESIGN.md section 5). */
export function wantsNoCache(req: Request): boolean {
  return /(?:^|,)\s*no-cache\s*(?:,|$)/i.test(header(req, 'cache-control') ?? '');
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: new HeaderMap() } },
  });
}

/**
 * The caller's credential by mode (DESIGN.md section 2). Pass-through and demo never reject here: a missing token
 * only fails the fields that need SailPoint (UNAUTHENTICATED from the client), so introspection and `_service`
 * work without one. Service mode rejects a missing or unknown API key with HTTP 401.
 */
export function extractCredential(
  config: Pick<GatewayConfig, 'mode'>,
  req: Request,
  apiKeyDigests: readonly Buffer[],
  logger: Logger,
): CallerCredential {
  const token = bearerToken(req);
  switch (config.mode) {
    case 'demo':
      // The demo tenant's service account serves anonymous callers; a caller's own token is forwarded.
      return token !== undefined ? { kind: 'bearer', token } : { kind: 'anonymous' };
    case 'pass-through':
      // Without a token the upstream client fails each call with UNAUTHENTICATED (in pass-through mode an
      // anonymous caller has no service account to fall back on), so only fields that need SailPoint fail.
      return token !== undefined ? { kind: 'bearer', token } : { kind: 'anonymous' };
    case 'service': {
      const apiKey = header(req, 'x-api-key');
      if (apiKey === undefined || apiKey === '') {
        logger.info('rejected request without x-api-key');
        throw unauthenticated('Missing API key: send one of the gateway API keys in the `x-api-key` header.');
      }
      if (!apiKeyMatches(apiKey, apiKeyDigests)) {
        logger.warn('rejected request with an unknown x-api-key');
        throw unauthenticated('Invalid API key in the `x-api-key` header.');
      }
      return { kind: 'service', apiKey };
    }
  }
}
