/**
 * The client-credentials call for the gateway's own token (service mode). Separate from auth.ts, which decides
 * when a token is needed and caches it, because this is the one upstream request outside the pipeline: not
 * retried, not paced, not cached.
 */
import { RequestError, TimeoutError } from 'got';
import type { Logger } from 'pino';
import type { TokenGrant } from './auth.js';
import { toGatewayError, tokenFailure } from './errors.js';
import type { Http } from './http.js';
import { isInvalidJson, parseJson } from './parse.js';
import type { UpstreamMetrics } from './telemetry.js';

export const TOKEN_ENDPOINT_TEMPLATE = 'POST /oauth/token';

/**
 * Client-credentials grant against `{baseUrl}/oauth/token`. Not retried (the next request simply tries again),
 * not paced and not counted in `stats.requests`, but reported to metrics under its own endpoint label.
 */
export async function fetchServiceToken(
  http: Http,
  credentials: { clientId: string; clientSecret: string },
  options: { timeoutMs: number; metrics: UpstreamMetrics; logger: Logger; now?: () => number },
): Promise<TokenGrant> {
  const now = options.now ?? Date.now;
  const started = now();
  const secrets = [credentials.clientSecret];
  let response;
  try {
    response = await http.post('oauth/token', {
      form: {
        grant_type: 'client_credentials',
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
      },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof TimeoutError;
    options.metrics.request(TOKEN_ENDPOINT_TEMPLATE, timedOut ? 'timeout' : 'error', now() - started);
    if (!(error instanceof RequestError)) throw error;
    options.logger.warn({ code: error.code }, 'SailPoint token request failed');
    throw toGatewayError(
      timedOut ? { kind: 'timeout', timeoutMs: options.timeoutMs } : { kind: 'network' },
      secrets,
    );
  }
  options.metrics.request(TOKEN_ENDPOINT_TEMPLATE, response.statusCode, now() - started);
  const body = parseJson(response.body);
  if (response.statusCode === 200 && typeof body === 'object' && body !== null) {
    const { access_token: accessToken, expires_in: expiresIn } = body as Record<string, unknown>;
    if (typeof accessToken === 'string' && accessToken) {
      return { accessToken, expiresInSeconds: typeof expiresIn === 'number' ? expiresIn : Number(expiresIn) };
    }
  }
  options.logger.warn({ status: response.statusCode }, 'SailPoint refused the gateway service token request');
  throw tokenFailure(response.statusCode, isInvalidJson(body) ? undefined : body, secrets);
}
