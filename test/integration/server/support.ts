import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';

/** Gateways of the HTTP tests (http-*.test.ts) and the operation they send. */

export const WORKFLOWS = '{ workflows(first: 2) { totalCount nodes { id name } } }';

/** The file's default gateway (demo mode, NODE_ENV=test), started by `useGateways({ shared: true })`. */
export let shared: TestGateway;
let own: TestGateway | undefined;

/**
 * Registers a file's gateway hooks. One default gateway serves the tests that don't change configuration:
 * starting the seeded tenant is the slow part. Tests that need other settings start their own and stop it in
 * afterEach.
 */
export function useGateways(options: { shared: boolean }): void {
  if (options.shared) {
    beforeAll(async () => {
      shared = await startTestGateway();
    });
    afterAll(async () => {
      await shared.stop();
    });
  }
  afterEach(async () => {
    await own?.stop();
    own = undefined;
  });
}

/** With no arguments the shared gateway; with options a gateway of the test's own. */
export async function start(...args: Parameters<typeof startTestGateway>): Promise<TestGateway> {
  if (args.length === 0) return shared;
  own = await startTestGateway(...args);
  return own;
}
