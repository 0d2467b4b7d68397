import { createHash } from 'node:crypto';
import { ApolloClient, HttpLink, InMemoryCache, type FieldPolicy, type TypePolicies } from '@apollo/client';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { relayStylePagination } from '@apollo/client/utilities';

/**
 * The README's Apollo Client setup ("Using it from a frontend" > "Apollo Client"), as a module the test runs.
 * Keep the two in step: apollo-client.test.ts checks that the README block names the same type policies.
 */

// Entities: a non-null `id`, unique per type (Apollo's default key is `__typename` + `id`; said explicitly).
const entity = { keyFields: ['id'] };
// Values SailPoint embeds in their parent (no id, or a nullable one): stored inside the parent, and merged
// field by field so two queries selecting different fields of them do not overwrite each other.
const embedded = { keyFields: false as const, merge: true };

// Relay-style paging, keyed by every argument but the cursors (a new filter or sort is a new list). A connection
// the gateway answers with null failed (its error is in the result's `error`): it stays null, where Apollo's
// helper alone would show an empty list, unless it was a further page (`after`/`before`), which keeps the pages
// already loaded.
function connection(keyArgs: string[]): FieldPolicy {
  const relay = relayStylePagination(keyArgs);
  return {
    keyArgs,
    read: (existing, options) => (existing === null ? null : relay.read?.(existing, options)),
    merge: (existing, incoming, options) =>
      incoming === null && options.args?.['after'] == null && options.args?.['before'] == null
        ? null
        : typeof relay.merge === 'function'
          ? relay.merge(existing, incoming, options)
          : incoming,
  };
}

export const typePolicies: TypePolicies = {
  Query: {
    fields: {
      workflows: connection(['filter', 'orderBy']),
      triggerInvocationStatuses: connection(['filter', 'orderBy']),
      accountActivities: connection([
        'requestedFor',
        'requestedBy',
        'regardingIdentity',
        'filter',
        'orderBy',
      ]),
    },
  },
  Workflow: { ...entity, fields: { executions: connection(['filter']) } },
  WorkflowExecution: entity,
  TriggerInvocationStatus: entity,
  AccountActivity: entity,
  Identity: entity,
  AccountActivityItem: embedded,
  AccountRequestInfo: embedded,
  Comment: embedded,
  CompleteInvocationInput: embedded,
  IdentityReference: embedded,
  IdentitySummary: embedded,
  LocalizedMessage: embedded,
  StartInvocationInput: embedded,
  WorkflowExecutionEvent: embedded,
  WorkflowTrigger: embedded,
};

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** An Apollo Client for the gateway at `uri`: the cache above, automatic persisted queries, JSON over POST. */
export function createApolloClient(
  uri: string,
  fetch: typeof globalThis.fetch = globalThis.fetch,
): ApolloClient {
  return new ApolloClient({
    cache: new InMemoryCache({ typePolicies }),
    link: createPersistedQueryLink({ sha256 }).concat(new HttpLink({ uri, fetch })),
  });
}
