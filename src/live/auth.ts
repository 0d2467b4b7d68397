import type { GatewayConfig } from '../config/index.js';
import { apiKeyMatches, type CallerCredential } from '../core/credential.js';

/**
 * The credential of a graphql-ws connection, from its `connection_init` payload, by the same rules as an HTTP
 * request (DESIGN.md section 2): `Authorization: Bearer ...` (pass-through, or a demo caller's own token),
 * `x-api-key` in service mode. Unlike HTTP, pass-through without a token is refused at once: a subscription can
 * only ever need SailPoint, so there is nothing a connection without one could do.
 */

/** graphql-ws leaves 4401 and 4403 to the server; 4430 is ours (too many connections of one credential; graphql-ws uses 4429 for a repeated connection_init). */
export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_FORBIDDEN = 4403;
export const CLOSE_TOO_MANY_CONNECTIONS = 4430;

export type ConnectionAuth =
  | { ok: true; credential: CallerCredential }
  | { ok: false; code: typeof CLOSE_UNAUTHORIZED | typeof CLOSE_FORBIDDEN; reason: string };

/** A payload entry by name, case-insensitively (clients send `Authorization` or `authorization`). */
function param(payload: Record<string, unknown>, name: string): string | undefined {
  for (const [key, value] of Object.entries(payload)) {
    if (key.toLowerCase() === name && typeof value === 'string') return value;
  }
  return undefined;
}

export function connectionCredential(
  config: Pick<GatewayConfig, 'mode'>,
  payload: Record<string, unknown> | undefined,
  apiKeyDigests: readonly Buffer[],
): ConnectionAuth {
  const params = payload ?? {};
  const authorization = param(params, 'authorization');
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  switch (config.mode) {
    case 'demo':
      return {
        ok: true,
        credential: token !== undefined ? { kind: 'bearer', token } : { kind: 'anonymous' },
      };
    case 'pass-through':
      if (token === undefined) {
        return {
          ok: false,
          code: CLOSE_UNAUTHORIZED,
          reason: 'Send Authorization: Bearer <token> in the connection_init payload',
        };
      }
      return { ok: true, credential: { kind: 'bearer', token } };
    case 'service': {
      const apiKey = param(params, 'x-api-key');
      if (apiKey === undefined || apiKey === '') {
        return {
          ok: false,
          code: CLOSE_UNAUTHORIZED,
          reason: 'Send x-api-key in the connection_init payload',
        };
      }
      if (!apiKeyMatches(apiKey, apiKeyDigests)) {
        return { ok: false, code: CLOSE_FORBIDDEN, reason: 'Invalid API key' };
      }
      return { ok: true, credential: { kind: 'service', apiKey } };
    }
  }
}
