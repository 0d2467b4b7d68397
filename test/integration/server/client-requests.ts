import { createHash } from 'node:crypto';
import type { GraphQLBody, TestGateway } from '../../helpers/gateway.js';

/** Raw HTTP requests of any shape, for the client-error tests (the test helper's `query` only sends valid ones). */

export const QUERY = '{ workflows(first: 1) { nodes { id } } }';
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
export const JSON_TYPE = { 'content-type': 'application/json' };
// Apollo's CSRF prevention lets a GET through only with a header a browser cannot send cross-origin unasked.
export const PREFLIGHT = { 'apollo-require-preflight': 'true' };

/** One row of the client-error tables: [name, shape, HTTP status, the one error code]. */
export type Case = [name: string, shape: Shape, status: number, code: string];

export interface Shape {
  method?: string;
  /** Appended to /graphql (a GET's search string). */
  search?: string;
  headers?: Record<string, string>;
  /** Sent as is when a string or bytes, else as JSON. */
  body?: unknown;
}

export const post = (body: unknown): Shape => ({ headers: JSON_TYPE, body });
export const get = (params: Record<string, string>, headers: Record<string, string> = PREFLIGHT): Shape => ({
  method: 'GET',
  search: `?${new URLSearchParams(params).toString()}`,
  headers,
});
/** A body sent as is (a string or bytes), JSON by default. */
export const raw = (body: string | Uint8Array, headers: Record<string, string> = JSON_TYPE): Shape => ({
  headers,
  body,
});
/** `shape` with an Accept header. */
export const asking = (accept: string, shape: Shape = post({ query: QUERY })): Shape => ({
  ...shape,
  headers: { ...shape.headers, accept },
});
export const apq = (query: string | undefined, persistedQuery: unknown): Shape =>
  post({ ...(query !== undefined ? { query } : {}), extensions: { persistedQuery } });

export async function send(
  target: TestGateway,
  shape: Shape,
): Promise<{ status: number; body: GraphQLBody }> {
  const response = await fetch(`${target.url}${shape.search ?? ''}`, {
    method: shape.method ?? 'POST',
    headers: shape.headers ?? {},
    ...(shape.body !== undefined
      ? {
          body:
            typeof shape.body === 'string' || shape.body instanceof Uint8Array
              ? shape.body
              : JSON.stringify(shape.body),
        }
      : {}),
  });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as GraphQLBody };
  } catch {
    throw new Error(`${response.status} with a non-JSON body: ${text.slice(0, 200)}`);
  }
}

export const codesOf = (body: GraphQLBody): string[] =>
  (body.errors ?? []).map((e) => String(e.extensions?.code));
