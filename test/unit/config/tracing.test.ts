import { loadConfig } from '../../../src/config/index.js';
import { problemsOf as problems } from './problems.js';

const tracing = (env: Record<string, string>) => loadConfig(env).tracing;

describe('tracing config (OTEL_* variables)', () => {
  it('is off without an endpoint', () => {
    expect(tracing({})).toBeUndefined();
    expect(tracing({ OTEL_SERVICE_NAME: 'x' })).toBeUndefined();
  });

  it('is on with an OTLP endpoint, exporting to its /v1/traces', () => {
    expect(tracing({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })).toEqual({
      tracesUrl: 'http://collector:4318/v1/traces',
      headers: {},
      serviceName: 'sailpoint-graphql-gateway',
    });
    expect(
      tracing({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example/ingest',
        OTEL_EXPORTER_OTLP_HEADERS: 'api-key=a%2Cb, x-team = idm',
        OTEL_SERVICE_NAME: 'bff',
      }),
    ).toEqual({
      tracesUrl: 'https://traces.example/ingest',
      headers: { 'api-key': 'a,b', 'x-team': 'idm' },
      serviceName: 'bff',
    });
    expect(tracing({ OTEL_TRACES_EXPORTER: 'otlp' })?.tracesUrl).toBe('http://localhost:4318/v1/traces');
  });

  it('stays off when disabled, whatever else is set', () => {
    expect(
      tracing({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: 'true' }),
    ).toBeUndefined();
    expect(
      tracing({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_EXPORTER: 'none' }),
    ).toBeUndefined();
  });

  it('names invalid values without echoing the URLs', () => {
    expect(
      problems({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'ftp://user:secret@c',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'not a url',
        OTEL_EXPORTER_OTLP_HEADERS: 'novalue,=x',
        OTEL_TRACES_EXPORTER: 'zipkin',
      }),
    ).toEqual([
      'OTEL_TRACES_EXPORTER: this gateway exports with otlp (or none), got "zipkin"',
      'OTEL_EXPORTER_OTLP_ENDPOINT: expected an http(s) URL',
      'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: expected an http(s) URL',
      'OTEL_EXPORTER_OTLP_HEADERS: expected name=value pairs separated by commas',
      'OTEL_EXPORTER_OTLP_HEADERS: expected name=value pairs separated by commas',
    ]);
  });
});
