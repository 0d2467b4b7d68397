import type express from 'express';
import type { GatewayMetrics } from '../observability/metrics.js';
import { refuseGraphQL } from './refuse.js';

/**
 * MAX_DOCUMENT_BYTES, checked on the parsed body (POST) or the query string (GET) before Apollo parses anything:
 * MAX_TOKENS does not count whitespace or comments, so without a byte limit a document of a few tokens could
 * carry megabytes that the parser reads and the document cache would keep.
 */
export function documentSizeLimit(maxBytes: number, metrics: GatewayMetrics): express.RequestHandler {
  return (req, res, next) => {
    const largest = largestDocumentBytes(req.method === 'GET' ? req.query : req.body);
    if (largest <= maxBytes) {
      next();
      return;
    }
    refuseGraphQL(res, metrics, {
      status: 413,
      code: 'DOCUMENT_TOO_LARGE',
      outcome: 'bad_request',
      message:
        `The GraphQL document is ${largest} bytes; this gateway accepts at most ${maxBytes} bytes ` +
        '(MAX_DOCUMENT_BYTES). Remove comments and indentation, use fragments for repeated selections, or ' +
        'split the operation.',
      extensions: { maxBytes },
    });
  };
}

/** UTF-8 size of the largest `query` string in a request (an operation, or each of a batch); 0 if none. */
export function largestDocumentBytes(payload: unknown): number {
  const operations = Array.isArray(payload) ? payload : [payload];
  let largest = 0;
  for (const operation of operations) {
    const query =
      typeof operation === 'object' && operation !== null
        ? (operation as { query?: unknown }).query
        : undefined;
    // A string's UTF-8 size is at most 3 bytes per UTF-16 unit: skip the count when even that fits.
    if (typeof query === 'string' && query.length * 3 > largest) {
      largest = Math.max(largest, Buffer.byteLength(query, 'utf8'));
    }
  }
  return largest;
}
