import type { UpstreamCallFacts, UpstreamCallSpan, UpstreamTracer } from './telemetry.js';

/**
 * Runs one upstream call inside its span: the pipeline fills `facts` as the call goes (cache, coalescing, pacer
 * wait, retries, status), and the span ends with them, and with the error code when the call fails. Only used when
 * tracing is on; off, the pipeline calls straight through.
 */
export async function traced<T>(
  tracer: UpstreamTracer,
  endpoint: string,
  noCache: boolean,
  run: (span: UpstreamCallSpan, facts: UpstreamCallFacts) => Promise<T>,
): Promise<T> {
  const span = tracer.startCall(endpoint);
  const facts: UpstreamCallFacts = {
    cache: noCache ? 'bypass' : 'miss',
    coalesced: false,
    retries: 0,
    pacerWaitMs: 0,
  };
  try {
    return await run(span, facts);
  } catch (error) {
    const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
    if (typeof code === 'string') facts.errorCode = code;
    throw error;
  } finally {
    span.end(facts);
  }
}
