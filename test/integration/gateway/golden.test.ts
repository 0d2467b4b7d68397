import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';

/**
 * Byte-for-byte guard of the hot path (issue 10): every query below must answer exactly the bytes it answered
 * when the file golden-responses.json was recorded (a fixed data anchor makes the demo tenant's data fixed; only
 * `durationMs` is blanked). A performance change that alters a single byte of a response fails here. A change
 * meant to alter responses re-records it: `GOLDEN_UPDATE=1 npm test -- test/integration/gateway/golden.test.ts`,
 * and the diff of the JSON file shows which answers changed.
 */

const GOLDEN = join(process.cwd(), 'test', 'integration', 'gateway', 'golden-responses.json');
const NOW = Date.parse('2026-06-01T00:00:00Z');

const QUERIES: Record<string, { query: string; variables?: Record<string, unknown> }> = {
  EnabledWorkflows: {
    query: `query EnabledWorkflows { workflows(first: 5, filter: { enabled: true, triggerType: EVENT }, orderBy: [{ field: MODIFIED, direction: DESC }]) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { id name modified executionCount failureCount trigger { type displayName } owner { name } } } }`,
  },
  RecentFailures: {
    query: `query RecentFailures { workflows(first: 1, orderBy: [{ field: NAME }]) { nodes { name
      executions(first: 10, filter: { status: { eq: FAILED }, startTime: { ge: "2026-01-01T00:00:00Z" } }) {
        pageInfo { hasNextPage endCursor }
        nodes { id status startTime closeTime requestId workflow { name owner { name } } } } } } }`,
  },
  TriggerInvocations: {
    query: `query TriggerInvocations { triggerInvocationStatuses(first: 20, filter: { triggerId: { eq: "idn:identity-attributes-changed" } }, orderBy: [{ field: CREATED, direction: DESC }]) {
      totalCount nodes { id triggerId subscriptionName type created completed inFlight failed
        completeInvocationInput { localizedError { locale message } } } } }`,
  },
  MyAccessRequests: {
    query: `query MyAccessRequests { accountActivities(first: 10, requestedFor: "me", filter: { type: { in: ["appRequest", "CloudAutomated"] }, created: { ge: "2025-01-01T00:00:00Z" } }, orderBy: [{ field: CREATED, direction: DESC }]) {
      totalCount edges { cursor node { id name type created completionStatus executionStatus
        requester { name } target { name identity { id } }
        items { name operation approvalStatus provisioningStatus accountRequestInfo { requestedObjectName requestedObjectType } } } } } }`,
  },
  ManyActivities: {
    query: `query ManyActivities { accountActivities(first: 600, orderBy: [{ field: MODIFIED, direction: DESC }]) {
      pageInfo { hasNextPage endCursor } nodes { id type modified } } }`,
  },
  S1: {
    query: `query S1 { triggerInvocationStatuses(first: 50) { nodes { id triggerId subscriptionName type created completed inFlight failed } } }`,
  },
  EdgesAndPages: {
    query: `query E($after: String) { triggerInvocationStatuses(first: 30, after: $after) {
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } }`,
  },
  Executions: {
    query: `{ workflows(first: 3) { nodes { id executions(first: 20) { edges { cursor node { id status
      startTime closeTime workflow { id name } } } pageInfo { hasNextPage endCursor } } } } }`,
  },
};

const normalise = (text: string): string => text.replace(/"durationMs":\d+/g, '"durationMs":0');
const digest = (text: string): string => createHash('sha256').update(text).digest('hex');

let gw: TestGateway;
const recorded: Record<string, { sha256: string; bytes: number }> = {};
beforeAll(async () => {
  gw = await startTestGateway({ tenant: { now: NOW }, logLevel: 'warn' });
});
afterAll(async () => {
  await gw.stop();
  if (process.env['GOLDEN_UPDATE'] === '1') writeFileSync(GOLDEN, `${JSON.stringify(recorded, null, 2)}\n`);
});

async function answer(query: string, variables?: Record<string, unknown>): Promise<string> {
  const response = await fetch(gw.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(variables === undefined ? { query } : { query, variables }),
  });
  return normalise(await response.text());
}

const golden: Record<string, { sha256: string; bytes: number }> = existsSync(GOLDEN)
  ? (JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, { sha256: string; bytes: number }>)
  : {};

it.each(Object.keys(QUERIES))('%s answers the recorded bytes', async (name) => {
  const { query, variables } = QUERIES[name] as { query: string; variables?: Record<string, unknown> };
  let text = await answer(query, variables);
  if (name === 'EdgesAndPages') {
    // The second page, through the first page's endCursor: cursors must decode to the same positions.
    const end = (
      JSON.parse(text) as { data: { triggerInvocationStatuses: { pageInfo: { endCursor: string } } } }
    ).data.triggerInvocationStatuses.pageInfo.endCursor;
    text += await answer(query, { after: end });
  }
  expect(text).not.toContain('"errors"');
  recorded[name] = { sha256: digest(text), bytes: Buffer.byteLength(text) };
  if (process.env['GOLDEN_UPDATE'] !== '1') expect(recorded[name]).toEqual(golden[name]);
});
