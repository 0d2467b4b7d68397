import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * A real graphql-ws client (the one Apollo Client's GraphQLWsLink wraps) over a real socket, and subscriptions
 * that record what they receive, for tests that count events instead of timing them.
 */

export interface LiveResult {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string; [key: string]: unknown } }[];
}

export interface Recorded {
  results: LiveResult[];
  /** Set when the server completed the subscription. */
  completed: boolean;
  /** Set when the subscription ended with an error (a close event, or `error` message errors). */
  error: unknown;
  /** Resolves once `results.length >= n` (or the subscription ended). */
  next(n: number): Promise<LiveResult[]>;
  /** Resolves once the subscription is over (completed or errored). */
  ended: Promise<void>;
  unsubscribe(): void;
}

export interface LiveClient {
  client: Client;
  subscribe(query: string, variables?: Record<string, unknown>): Recorded;
  /** Resolves with the close event's code once the socket closed. */
  closed: Promise<number>;
  dispose(): Promise<void>;
}

export function wsUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws');
}

export function liveClient(httpUrl: string, connectionParams: Record<string, unknown> = {}): LiveClient {
  let markClosed: (code: number) => void = () => undefined;
  const closed = new Promise<number>((resolve) => (markClosed = resolve));
  const client = createClient({
    url: wsUrl(httpUrl),
    webSocketImpl: WebSocket,
    connectionParams,
    lazy: false,
    retryAttempts: 0,
    // Tests decide when sockets close; the default lazy close would hide a server-side close.
    onNonLazyError: () => undefined,
    on: { closed: (event) => markClosed((event as { code: number }).code) },
  });
  return {
    client,
    closed,
    subscribe(query, variables) {
      const results: LiveResult[] = [];
      const waiters: { n: number; resolve: (r: LiveResult[]) => void }[] = [];
      let markEnded: () => void = () => undefined;
      const ended = new Promise<void>((resolve) => (markEnded = resolve));
      const recorded: Recorded = {
        results,
        completed: false,
        error: undefined,
        ended,
        next: (n) =>
          results.length >= n || recorded.completed || recorded.error !== undefined
            ? Promise.resolve(results)
            : new Promise((resolve) => waiters.push({ n, resolve })),
        unsubscribe: () => undefined,
      };
      const settle = (all: boolean) => {
        for (const waiter of [...waiters]) {
          if (all || results.length >= waiter.n) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(results);
          }
        }
      };
      recorded.unsubscribe = client.subscribe(
        { query, ...(variables !== undefined && { variables }) },
        {
          next: (value) => {
            results.push(value as LiveResult);
            settle(false);
          },
          error: (error) => {
            recorded.error = error ?? 'error';
            settle(true);
            markEnded();
          },
          complete: () => {
            recorded.completed = true;
            settle(true);
            markEnded();
          },
        },
      );
      return recorded;
    },
    dispose: async () => {
      await client.dispose();
    },
  };
}

/** Polls a condition on the event loop (never a fixed sleep the test's outcome depends on). */
export async function until(condition: () => boolean, what: string, limitMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > limitMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
