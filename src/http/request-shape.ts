import type express from 'express';
import Negotiator from 'negotiator';
import { negotiatedMediaType } from '../graphql/plugins/http-status.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import { refuseGraphQL } from './refuse.js';

/**
 * Checks of a /graphql request's shape that Apollo makes too late or too vaguely, so a client's mistake gets a
 * precise BAD_REQUEST before anything runs (README error table; test/integration/server/client-errors.test.ts).
 */

/**
 * An `Accept` header that allows neither application/json nor application/graphql-response+json: 406 before the
 * operation runs. Apollo negotiates the response type only once the result is in hand, so it would refuse the
 * same request after spending SailPoint calls on it. A GET that prefers HTML is Apollo's when the landing page is
 * on (that is a browser opening Sandbox); other methods keep Apollo's 405.
 */
export function acceptableResponse(landingPage: boolean, metrics: GatewayMetrics): express.RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'POST') return next();
    const accept = req.get('accept');
    if (negotiatedMediaType(accept) !== undefined) return next();
    if (landingPage && req.method === 'GET' && prefersHtml(accept)) return next();
    refuseGraphQL(res, metrics, {
      status: 406,
      code: 'BAD_REQUEST',
      outcome: 'bad_request',
      message:
        'The Accept header allows neither application/json nor application/graphql-response+json, the only ' +
        'types this endpoint answers with: accept one of them, or send no Accept header.',
    });
  };
}

function prefersHtml(accept: string | undefined): boolean {
  return (
    accept !== undefined && new Negotiator({ headers: { accept } }).mediaType(['text/html']) === 'text/html'
  );
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What is wrong with one item of a batch (the checks Apollo makes of a single request's body), if anything. */
function batchItemProblem(item: unknown): string | undefined {
  if (!isObject(item)) return 'is not a JSON object';
  if (Object.keys(item).length === 0) return 'is an empty object';
  const wrongType = (field: string, type: 'string' | 'object'): boolean => {
    const value = item[field];
    if (value === undefined || value === null) return false;
    return type === 'object' ? !isObject(value) : typeof value !== type;
  };
  if (wrongType('query', 'string')) return 'has a `query` that is not a string';
  if (wrongType('operationName', 'string')) return 'has an `operationName` that is not a string';
  if (wrongType('variables', 'object')) return 'has `variables` that are not an object';
  if (wrongType('extensions', 'object')) return 'has `extensions` that are not an object';
  return undefined;
}

/**
 * With GRAPHQL_BATCHING on, every item of a batched POST must be a GraphQL request object. Apollo refuses a batch
 * with any other item as "POST body missing, invalid Content-Type, or JSON object has no keys.", which names
 * neither the item nor what is wrong with it. A malformed item still refuses the whole batch, as a malformed
 * request is refused whole: none of it has run. (An item that is well-formed but fails, a syntax error or a
 * mutation, fails alone in Apollo's batch, with its own code.)
 */
export function batchItems(enabled: boolean, metrics: GatewayMetrics): express.RequestHandler {
  return (req, res, next) => {
    if (!enabled || req.method !== 'POST' || !Array.isArray(req.body)) return next();
    const problems = (req.body as unknown[]).map(batchItemProblem);
    const index = problems.findIndex((problem) => problem !== undefined);
    if (index < 0) return next();
    refuseGraphQL(res, metrics, {
      status: 400,
      code: 'BAD_REQUEST',
      outcome: 'bad_request',
      message:
        `Item ${index} of the batch (counting from 0) ${problems[index] ?? ''}: each item of a ` +
        'batched request is one GraphQL request, `{"query": "...", "variables": {...}}`.',
    });
  };
}
