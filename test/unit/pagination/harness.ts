import { readFileSync, readdirSync } from 'node:fs';
import { Writable } from 'node:stream';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { type ExecutionResult, type GraphQLSchema, graphql, parse } from 'graphql';
import { pino } from 'pino';
import type { Context } from '../../../src/graphql/context.js';
import { createLoaders } from '../../../src/graphql/context.js';
import { resolvers } from '../../../src/graphql/resolvers.js';
import type {
  AccountActivityDto,
  AccountActivityQuery,
  InvocationStatusDto,
  ListQuery,
  ListResult,
  UpstreamClient,
  WorkflowDto,
  WorkflowExecutionDto,
  WorkflowExecutionEventDto,
} from '../../../src/upstream/types.js';

/**
 * A pure in-memory UpstreamClient that records every call. Lists honour offset/limit/count (not filters/sorters,
 * which the translator tests cover); by-id lookups return null for unknown ids, as the real client does on 404.
 */
export interface FakeData {
  workflows?: WorkflowDto[];
  executions?: Record<string, WorkflowExecutionDto[]>;
  history?: Record<string, WorkflowExecutionEventDto[]>;
  statuses?: InvocationStatusDto[];
  activities?: AccountActivityDto[];
}

export interface Call {
  method: keyof UpstreamClient;
  args: unknown[];
}

function page<T>(items: readonly T[], query: ListQuery): ListResult<T> {
  const slice = items.slice(query.offset, query.offset + query.limit);
  return query.count ? { items: slice, totalCount: items.length } : { items: slice };
}

export function fakeClient(data: FakeData): { client: UpstreamClient; calls: Call[] } {
  const calls: Call[] = [];
  const record = (method: keyof UpstreamClient, ...args: unknown[]): Promise<void> => {
    calls.push({ method, args });
    // An async hop, as a real call has, so DataLoader's batching and memoisation are exercised honestly.
    return Promise.resolve();
  };
  const client: UpstreamClient = {
    async listWorkflows() {
      await record('listWorkflows');
      return data.workflows ?? [];
    },
    async getWorkflow(id) {
      await record('getWorkflow', id);
      return data.workflows?.find((w) => w.id === id) ?? null;
    },
    async listWorkflowExecutions(workflowId, query) {
      await record('listWorkflowExecutions', workflowId, query);
      return page(data.executions?.[workflowId] ?? [], query);
    },
    async getWorkflowExecution(id) {
      await record('getWorkflowExecution', id);
      return (
        Object.values(data.executions ?? {})
          .flat()
          .find((e) => e.id === id) ?? null
      );
    },
    async getWorkflowExecutionHistory(id) {
      await record('getWorkflowExecutionHistory', id);
      return data.history?.[id] ?? null;
    },
    async listTriggerInvocationStatuses(query) {
      await record('listTriggerInvocationStatuses', query);
      return page(data.statuses ?? [], query);
    },
    async listAccountActivities(query: AccountActivityQuery) {
      await record('listAccountActivities', query);
      return page(data.activities ?? [], query);
    },
    async getAccountActivity(id) {
      await record('getAccountActivity', id);
      return data.activities?.find((a) => a.id === id) ?? null;
    },
  };
  return { client, calls };
}

/** A pino logger writing JSON lines into an array (tests must not print). */
export function recordingLogger(): { logger: Context['logger']; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  const logger = pino({ level: 'debug' }, stream);
  return {
    logger,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((l) => l.length > 0)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

let schema: GraphQLSchema | undefined;
export function subgraphSchema(): GraphQLSchema {
  if (!schema) {
    const dir = new URL('../../../schema/', import.meta.url);
    const sdl = readdirSync(dir)
      .filter((f) => f.endsWith('.graphql'))
      .sort()
      .map((f) => readFileSync(new URL(f, dir), 'utf8'))
      .join('\n');
    schema = buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers }]);
  }
  return schema;
}

export interface Harness {
  /** The fake client; a test may replace a method to make it fail. */
  client: UpstreamClient;
  calls: Call[];
  logLines: () => Record<string, unknown>[];
  run(source: string, variables?: Record<string, unknown>): Promise<ExecutionResult>;
}

/** Executes operations against the real subgraph schema and resolvers; each `run` is one request (fresh loaders). */
export function harness(data: FakeData, options: { maxPageSize?: number } = {}): Harness {
  const { client, calls } = fakeClient(data);
  const { logger, lines } = recordingLogger();
  return {
    client,
    calls,
    logLines: lines,
    run: (source, variables) => {
      const contextValue: Context = {
        requestId: 'test',
        viewer: { mode: 'demo', credentialHash: 'test' },
        client,
        loaders: createLoaders(client),
        logger,
        stats: { requests: 0, cacheHits: 0, coalesced: 0, durationMs: 0 },
        maxPageSize: options.maxPageSize ?? 1000,
      };
      return graphql({ schema: subgraphSchema(), source, variableValues: variables, contextValue });
    },
  };
}

/** `extensions.code` of each error. */
export const codes = (result: ExecutionResult): unknown[] =>
  (result.errors ?? []).map((e) => e.extensions['code']);
