/**
 * Every data request before its endpoint runs: bearer authentication (401), the per-client rate limit (429),
 * routing (404) and the method (405), in SailPoint's order. Apart from endpoints.ts, which only answers requests
 * already admitted, and from server.ts, which owns the socket, faults and latency.
 *
 * The tenant's HTTP surface (this folder): this file and token-endpoint.ts (`POST /oauth/token`) are the two
 * entries; routes.ts matches paths in every path style, params.ts decodes and checks query parameters,
 * endpoints.ts answers each GET from the dataset, errors.ts and reply.ts are what endpoints hand back.
 */
import type { IncomingMessage } from 'node:http';
import type { TokenAuthority } from '../auth.js';
import type { SlidingWindowRateLimiter } from '../rate-limit.js';
import { handleEndpoint, type DataIndex } from './endpoints.js';
import { HttpError, errorResponseDto, notFound, rateLimited, unauthorized } from './errors.js';
import { readQuery } from './params.js';
import { errorReply, type Handled } from './reply.js';
import { matchRoute } from './routes.js';

export interface DataEndpointDeps {
  authority: TokenAuthority;
  limiter: SlidingWindowRateLimiter;
  /** The current index: progression (server.ts `tick`) replaces it. */
  index: DataIndex;
}

export function dataEndpoint(
  { authority, limiter, index }: DataEndpointDeps,
  req: IncomingMessage,
  pathname: string,
  search: string,
  arrivedAt: number,
): Handled {
  const header = req.headers.authorization;
  const match = header === undefined ? null : /^Bearer ([^\s]+)$/i.exec(header.trim());
  if (!match) {
    throw unauthorized(
      header === undefined
        ? 'Missing Authorization header'
        : 'JWT validation failed: malformed Authorization header',
    );
  }
  const verified = authority.verify(match[1] as string);
  if (!verified.ok) throw unauthorized(verified.error);
  const { clientId, identityId } = verified.claims;
  try {
    const decision = limiter.take(clientId, arrivedAt);
    if (!decision.allowed) throw rateLimited(decision.retryAfterSeconds);
    const route = matchRoute(pathname);
    if (!route) throw notFound(`No resource at ${pathname}`);
    if (req.method !== 'GET') {
      throw new HttpError(
        405,
        errorResponseDto(405, `Method ${req.method ?? ''} is not allowed on ${pathname}`),
        {
          Allow: 'GET',
        },
      );
    }
    const result = handleEndpoint(index, { route, query: readQuery(search), identityId });
    return {
      reply: { status: 200, body: result.body, ...(result.headers ? { headers: result.headers } : {}) },
      clientId,
    };
  } catch (error) {
    if (error instanceof HttpError) return { reply: errorReply(error), clientId };
    throw error;
  }
}
