/**
 * PERSISTED_DOCUMENTS, PERSISTED_DOCUMENTS_ONLY and APQ_TTL_SECONDS: trusted documents and automatic persisted
 * queries (README "Persisted documents"). Only the manifest's path is read here; the gateway loads the file.
 */
import type { EnvReader } from './parse.js';
import type { PersistedDocumentsConfig } from './types.js';

/** A day: long enough that a deployed frontend's documents stay registered, short enough to age out old ones. */
const DEFAULT_APQ_TTL_SECONDS = 86_400;

export function persistedDocumentsConfig(
  { read, int, bool }: EnvReader,
  { production, landingPage }: { production: boolean; landingPage: boolean },
  problems: string[],
  warnings: string[],
): PersistedDocumentsConfig {
  const manifestPath = read('PERSISTED_DOCUMENTS');
  // Production with a manifest refuses everything else by default: the manifest is then the allowlist. Elsewhere
  // the default stays open, so Sandbox and ad-hoc queries keep working in development.
  const only = bool('PERSISTED_DOCUMENTS_ONLY', production && manifestPath !== undefined);
  if (only && manifestPath === undefined) {
    problems.push(
      'PERSISTED_DOCUMENTS_ONLY: true needs PERSISTED_DOCUMENTS (the manifest of allowed documents); ' +
        'without one every operation would be refused',
    );
  }
  if (only && landingPage) {
    warnings.push(
      'PERSISTED_DOCUMENTS_ONLY is on while the Sandbox landing page is enabled: Sandbox can run only documents ' +
        'of the manifest (set PERSISTED_DOCUMENTS_ONLY=false to explore with ad-hoc queries)',
    );
  }
  return {
    manifestPath,
    only,
    apqTtlSeconds: int('APQ_TTL_SECONDS', DEFAULT_APQ_TTL_SECONDS, 1, 30 * DEFAULT_APQ_TTL_SECONDS),
  };
}
