// Which mode (demo, service, pass-through) the SailPoint variables select, and what each mode requires.
import { loadConfig, toUpstreamConfig } from '../../../src/config/index.js';
import { problemsOfInvalid as problemsOf } from './problems.js';

const KEY = 'k'.repeat(24);
const SERVICE = {
  SAILPOINT_BASE_URL: 'https://acme.api.identitynow.com',
  SAILPOINT_CLIENT_ID: 'client',
  SAILPOINT_CLIENT_SECRET: 'secret',
  GATEWAY_API_KEYS: KEY,
};

describe('modes', () => {
  it('is service mode with both client credentials', () => {
    const config = loadConfig(SERVICE);
    expect(config.mode).toBe('service');
    expect(config.sailpoint).toEqual({
      baseUrl: 'https://acme.api.identitynow.com',
      auth: { mode: 'service', clientId: 'client', clientSecret: 'secret' },
    });
    expect(config.apiKeys).toEqual([KEY]);
  });

  it('is pass-through mode with a base URL and no client credentials', () => {
    const config = loadConfig({ SAILPOINT_BASE_URL: 'https://acme.api.identitynow.com/' });
    expect(config.mode).toBe('pass-through');
    expect(config.sailpoint).toEqual({
      baseUrl: 'https://acme.api.identitynow.com',
      auth: { mode: 'pass-through' },
    });
  });

  it('requires API keys in service mode', () => {
    expect(problemsOf({ ...SERVICE, GATEWAY_API_KEYS: undefined })).toEqual([
      expect.stringMatching(/^GATEWAY_API_KEYS: required in service mode/),
    ]);
  });

  it('requires both client id and secret, or neither', () => {
    expect(problemsOf({ ...SERVICE, SAILPOINT_CLIENT_SECRET: undefined })).toEqual([
      expect.stringMatching(/^SAILPOINT_CLIENT_SECRET: must be set together with SAILPOINT_CLIENT_ID/),
    ]);
    expect(problemsOf({ ...SERVICE, SAILPOINT_CLIENT_ID: undefined })).toEqual([
      expect.stringMatching(/^SAILPOINT_CLIENT_ID: must be set together with SAILPOINT_CLIENT_SECRET/),
    ]);
  });

  it('refuses client credentials without a base URL', () => {
    expect(problemsOf({ SAILPOINT_CLIENT_ID: 'a', SAILPOINT_CLIENT_SECRET: 'b' })).toEqual([
      expect.stringMatching(/set SAILPOINT_BASE_URL too/),
    ]);
  });

  it('splits and trims API keys, and warns when they are ignored', () => {
    expect(loadConfig({ ...SERVICE, GATEWAY_API_KEYS: ` ${KEY} ,, ${KEY}2 ` }).apiKeys).toEqual([
      KEY,
      `${KEY}2`,
    ]);
    expect(loadConfig({ GATEWAY_API_KEYS: KEY }).warnings).toEqual([
      expect.stringMatching(/GATEWAY_API_KEYS is ignored in demo mode/),
    ]);
  });

  it('rejects short API keys without echoing them', () => {
    const problems = problemsOf({ ...SERVICE, GATEWAY_API_KEYS: `${KEY},short-key` });
    expect(problems).toEqual(['GATEWAY_API_KEYS: 1 key(s) shorter than 16 characters']);
    expect(problems.join()).not.toContain('short-key');
  });

  it('builds the upstream config from the demo tenant in demo mode', () => {
    const config = loadConfig({});
    expect(() => toUpstreamConfig(config)).toThrow(/demo tenant/);
    expect(
      toUpstreamConfig(config, {
        url: 'http://127.0.0.1:7100/',
        credentials: { clientId: 'd', clientSecret: 's' },
      }),
    ).toMatchObject({
      baseUrl: 'http://127.0.0.1:7100',
      auth: { mode: 'service', clientId: 'd', clientSecret: 's' },
    });
    expect(toUpstreamConfig(loadConfig(SERVICE)).baseUrl).toBe('https://acme.api.identitynow.com');
  });
});
