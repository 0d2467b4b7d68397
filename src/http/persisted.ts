/**
 * The check in front of Apollo for persisted documents (README "Persisted documents"): resolves `documentId`s and
 * trusted APQ hashes to their manifest text, counts each document by kind, and with PERSISTED_DOCUMENTS_ONLY
 * refuses any other document before Apollo parses it. Automatic persisted queries that are not in the manifest
 * pass through to Apollo, whose APQ cache is the shared store (graphql/persisted/apq-cache.ts).
 */
import type express from 'express';
import type { DocumentPolicy, DocumentParams, Refusal, Resolution } from '../graphql/persisted/resolve.js';
import { resolveDocument } from '../graphql/persisted/resolve.js';
import {
  GRAPHQL_RESPONSE_JSON,
  APPLICATION_JSON,
  negotiatedMediaType,
} from '../graphql/plugins/http-status.js';
import { recordRejection, requestScope, upstreamExtension } from '../graphql/request-scope.js';
import type { GatewayMetrics } from '../observability/metrics.js';

type Body = Record<string, unknown>;

const isObject = (value: unknown): value is Body =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The body's fields with the document replaced: `documentId` and the APQ extension name what `query` now holds. */
function rewritten(body: Body, query: string): Body {
  const { documentId: _documentId, ...rest } = body;
  const extensions = isObject(rest.extensions) ? { ...rest.extensions } : undefined;
  if (extensions !== undefined) delete extensions.persistedQuery;
  return {
    ...rest,
    query,
    ...(extensions !== undefined ? { extensions } : {}),
  };
}

function fromSearch(search: URLSearchParams): DocumentParams {
  let extensions: unknown;
  const raw = search.get('extensions');
  try {
    extensions = raw === null ? undefined : JSON.parse(raw);
  } catch {
    // Apollo reports the malformed parameter itself.
    extensions = undefined;
  }
  return {
    query: search.get('query') ?? undefined,
    documentId: search.get('documentId') ?? undefined,
    extensions,
  };
}

function refuse(
  res: express.Response,
  req: express.Request,
  metrics: GatewayMetrics,
  refusal: Refusal,
): void {
  const scope = requestScope.getStore();
  recordRejection(metrics, scope, 'bad_request', refusal.code);
  const mediaType = negotiatedMediaType(req.get('accept')) ?? APPLICATION_JSON;
  // A request error of a well-formed request: 200 for application/json, 400 for graphql-response+json (the same
  // rule as http-status.ts); a malformed one (BAD_REQUEST) is a 400 either way.
  const status = refusal.code !== 'BAD_REQUEST' && mediaType !== GRAPHQL_RESPONSE_JSON ? 200 : 400;
  res
    .status(status)
    .set('content-type', mediaType)
    .set('cache-control', 'no-store')
    .send(
      `${JSON.stringify({
        errors: [{ message: refusal.message, extensions: { code: refusal.code } }],
        ...(scope !== undefined ? { extensions: { upstream: upstreamExtension(scope) } } : {}),
      })}\n`,
    );
}

export function persistedDocuments(policy: DocumentPolicy, metrics: GatewayMetrics): express.RequestHandler {
  return (req, res, next) => {
    if (req.method === 'POST') {
      const bodies: unknown[] = Array.isArray(req.body) ? req.body : [req.body];
      const resolutions: Resolution[] = bodies.map((body) =>
        isObject(body) ? resolveDocument(body, policy) : { kind: undefined },
      );
      // One refused operation refuses the whole (batched) request: none of it has been run.
      const refused = resolutions.find((r) => r.refusal !== undefined)?.refusal;
      if (refused !== undefined) return refuse(res, req, metrics, refused);
      const next_ = resolutions.map((resolution, i) => {
        const body = bodies[i];
        if (resolution.refusal !== undefined || !isObject(body)) return body;
        if (resolution.kind !== undefined) metrics.document(resolution.kind);
        return resolution.query !== undefined ? rewritten(body, resolution.query) : body;
      });
      req.body = Array.isArray(req.body) ? next_ : next_[0];
      return next();
    }
    if (req.method === 'GET') {
      const url = new URL(req.url, 'http://gateway');
      const resolution = resolveDocument(fromSearch(url.searchParams), policy);
      if (resolution.refusal !== undefined) return refuse(res, req, metrics, resolution.refusal);
      if (resolution.kind !== undefined) metrics.document(resolution.kind);
      if (resolution.query !== undefined) {
        const search = url.searchParams;
        search.delete('documentId');
        search.set('query', resolution.query);
        const extensions = fromSearch(search).extensions;
        if (isObject(extensions)) {
          const { persistedQuery: _persistedQuery, ...rest } = extensions;
          if (Object.keys(rest).length > 0) search.set('extensions', JSON.stringify(rest));
          else search.delete('extensions');
        }
        // Apollo's Express integration reads the search string from req.url.
        req.url = `${url.pathname}?${search.toString()}`;
      }
    }
    return next();
  };
}
