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
