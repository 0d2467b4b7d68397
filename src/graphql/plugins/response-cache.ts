import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { responseCacheKey } from '../../cache/keys.js';
import type { CacheStore } from '../../cache/store.js';
import type { Context, ResponseCacheOutcome } from '../context.js';

/**
 * The per-caller response cache for whole operations (RESPONSE_CACHE_FIELDS). A query whose every root field is
 * listed is answered from the shared store (memory or Redis, the same Keyv store as the upstream cache) when the
 * same caller sent the same document and variables within the smallest max age of those fields; no resolver runs
 * and no upstream call is made. Keys start with the caller's credential hash, so one caller's answer is never
 * another's. `Cache-Control: no-cache` skips the read and refreshes the entry. Only answers without errors are
 * stored, so a transient upstream failure is never replayed.
 *
 * It runs after parsing, validation and the limits (responseForOperation comes after didResolveOperation), so a
 * cached operation is refused exactly as an uncached one would be.
 */

export interface ResponseCacheMetrics {
  responseCache(result: ResponseCacheOutcome): void;
}

export interface ResponseCacheOptions {
  /** `Query.<field>` -> max age in seconds. */
  fields: Readonly<Record<string, number>>;
  shared: { store: CacheStore; baseUrl: string };
  metrics: ResponseCacheMetrics;
}

/** `r1\n<data as JSON>`: versioned so a later format change reads old entries as misses. */
const ENTRY_PREFIX = 'r1\n';

/** Fields of `Query` the configuration names that the schema lacks: a typo would silently cache nothing. */
export function unknownResponseCacheFields(
  schema: GraphQLSchema,
  fields: Readonly<Record<string, number>>,
): string[] {
  const query = schema.getQueryType()?.getFields() ?? {};
  return Object.keys(fields).filter((name) => query[name.slice('Query.'.length)] === undefined);
}

/**
 * The max age in seconds of an operation: the smallest of its root fields', or undefined when it is not a query
 * or selects a root field that is not listed (`__typename` aside).
 */
export function operationMaxAge(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  fields: Readonly<Record<string, number>>,
): number | undefined {
  if (operation.operation !== 'query') return undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  let maxAge = Number.POSITIVE_INFINITY;
  let any = false;
  const visited = new Set<string>();
  const walk = (selectionSet: SelectionSetNode): boolean => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === '__typename') continue;
        const seconds = fields[`Query.${selection.name.value}`];
        if (seconds === undefined) return false;
        maxAge = Math.min(maxAge, seconds);
        any = true;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (!walk(selection.selectionSet)) return false;
      } else {
        const name = selection.name.value;
        if (visited.has(name)) continue;
        visited.add(name);
        const fragment = fragments.get(name);
        if (fragment === undefined || !walk(fragment.selectionSet)) return false;
      }
    }
    return true;
  };
  return walk(operation.selectionSet) && any ? maxAge : undefined;
}

export function responseCachePlugin(options: ResponseCacheOptions): ApolloServerPlugin<Context> {
  const { fields, shared, metrics } = options;
  const enabled = Object.keys(fields).length > 0;
  return {
    async requestDidStart() {
      if (!enabled) return;
      let key: string | undefined;
      let ttlMs = 0;
      return {
        async responseForOperation(rc) {
          const maxAge = operationMaxAge(rc.document, rc.operation, fields);
          if (maxAge === undefined) return null;
          const context = rc.contextValue;
          key = responseCacheKey({
            credentialHash: context.viewer.credentialHash,
            baseUrl: shared.baseUrl,
            document: rc.source,
            operationName: rc.operationName,
            variables: rc.request.variables ?? {},
          });
          ttlMs = maxAge * 1000;
          if (context.noCache === true) {
            context.responseCache = 'bypass';
            metrics.responseCache('bypass');
            return null;
          }
          const entry = await shared.store.get(key);
          const data = entry?.startsWith(ENTRY_PREFIX) ? parseData(entry.slice(ENTRY_PREFIX.length)) : null;
          if (data === null) {
            context.responseCache = 'miss';
            metrics.responseCache('miss');
            return null;
          }
          context.responseCache = 'hit';
          metrics.responseCache('hit');
          // Not stored again in willSendResponse: the entry keeps the age it was written with.
          key = undefined;
          return {
            http: { headers: new HeaderMap(), status: undefined },
            body: { kind: 'single', singleResult: { data } },
          };
        },
        async willSendResponse(rc) {
          if (key === undefined || rc.response.body.kind !== 'single') return;
          const result = rc.response.body.singleResult;
          if (result.errors !== undefined || result.data === undefined || result.data === null) return;
          void shared.store.set(key, ENTRY_PREFIX + JSON.stringify(result.data), ttlMs);
        },
      };
    },
  };
}

/** The cached data, or null for an entry that is not a JSON object (then it is a miss). */
function parseData(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
