import { ConfigError, loadConfig } from '../../../src/config/index.js';

/** The problems `loadConfig` reports for `env`, or [] when it is valid (any other error is rethrown). */
export function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

/**
 * The problems of an env that must be invalid: throws when `loadConfig` accepts it, so that a test asserting only
 * what the messages leave out (a password, a short key) cannot pass on an env that was never rejected.
 */
export function problemsOfInvalid(env: Record<string, string | undefined>): readonly string[] {
  const problems = problemsOf(env);
  if (problems.length === 0) throw new Error('expected a ConfigError');
  return problems;
}
