import type { FeedEvent, Listener } from './poller.js';

/**
 * A listener as the async iterator graphql-js subscribes to. Events queue until the socket takes them (graphql-ws
 * awaits each send); `return()` (the client completed, or the socket closed) unsubscribes at once. `isLast` ends
 * the stream after the event it accepts (a terminal execution status).
 */
export function feedStream(
  subscribe: (listener: Listener) => () => void,
  isLast: (event: FeedEvent) => boolean = () => false,
): AsyncIterableIterator<FeedEvent> {
  const queue: FeedEvent[] = [];
  let waiting: ((result: IteratorResult<FeedEvent>) => void) | undefined;
  let ending = false;
  let done = false;

  const finish = (): void => {
    if (done) return;
    done = true;
    unsubscribe();
  };

  const unsubscribe = subscribe((event) => {
    if (done || ending) return;
    if (isLast(event) || ('final' in event && event.final)) {
      ending = true;
      // Nothing after this event: stop polling for this subscriber now, not when the client reads it.
      queueMicrotask(finish);
    }
    if (waiting !== undefined) {
      const resolve = waiting;
      waiting = undefined;
      resolve({ value: event, done: false });
    } else queue.push(event);
  });

  const iterator: AsyncIterableIterator<FeedEvent> = {
    next() {
      const event = queue.shift();
      if (event !== undefined) return Promise.resolve({ value: event, done: false });
      if (done || ending) {
        finish();
        return Promise.resolve({ value: undefined, done: true });
      }
      return new Promise((resolve) => (waiting = resolve));
    },
    return() {
      finish();
      queue.length = 0;
      waiting?.({ value: undefined, done: true });
      waiting = undefined;
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
