import type express from 'express';
import type { GatewayMetrics } from '../observability/metrics.js';
import { refuseGraphQL } from './refuse.js';

/**
 * Bounds the request body bytes the process holds while bodies arrive, over all connections together: each
 * request reserves its declared `Content-Length` (or MAX_BODY_BYTES when chunked) before a byte is read, and
 * gives it back once its body is in (or the connection is gone). A body too large for MAX_BODY_BYTES is refused
 * here on its declared length, unread; one that would push the total past MAX_BUFFERED_BODY_BYTES gets 503
 * SERVER_BUSY, so a thousand slow uploads cost at most the budget and everyone else's small queries still fit.
 * Both answers close the connection: the unread body is not worth receiving.
 */
export interface BodyBudget {
  middleware: express.RequestHandler;
  /** Bytes reserved right now (for tests and metrics). */
  inFlight(): number;
}

export function createBodyBudget(
  limits: { maxBodyBytes: number; maxBufferedBodyBytes: number },
  metrics: GatewayMetrics,
): BodyBudget {
  let inFlight = 0;
  const middleware: express.RequestHandler = (req, res, next) => {
    const declared = req.headers['content-length'];
    const chunked = req.headers['transfer-encoding'] !== undefined;
    const length = declared !== undefined && /^\d+$/.test(declared) ? Number(declared) : undefined;
    if (length !== undefined && length > limits.maxBodyBytes) {
      res.setHeader('connection', 'close');
      refuseGraphQL(res, metrics, payloadTooLarge(limits.maxBodyBytes));
      return;
    }
    const reserve = length ?? (chunked ? limits.maxBodyBytes : 0);
    if (reserve === 0 || req.readableEnded) {
      next();
      return;
    }
    if (inFlight + reserve > limits.maxBufferedBodyBytes) {
      res.setHeader('connection', 'close');
      res.setHeader('retry-after', '1');
      refuseGraphQL(res, metrics, {
        status: 503,
        code: 'SERVER_BUSY',
        outcome: 'busy',
        message:
          'The gateway is receiving too many request bodies at once (MAX_BUFFERED_BODY_BYTES); retry in a moment.',
        extensions: { retryAfter: 1 },
      });
      return;
    }
    inFlight += reserve;
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      inFlight -= reserve;
    };
    req.once('end', release);
    req.once('close', release);
    res.once('close', release);
    next();
  };
  return { middleware, inFlight: () => inFlight };
}

/** 413 for a body over MAX_BODY_BYTES, declared (here) or found while reading (express.json's limit). */
export function payloadTooLarge(maxBytes: number): Parameters<typeof refuseGraphQL>[2] {
  return {
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    outcome: 'bad_request',
    message:
      `The request body is larger than ${maxBytes} bytes, the most this gateway accepts (MAX_BODY_BYTES). ` +
      'Send a smaller document or fewer variables.',
    extensions: { maxBytes },
  };
}
