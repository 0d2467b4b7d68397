/**
 * Query limits (DESIGN.md section 8). Depth and aliases are validation rules: they depend only on the document,
 * so Apollo's validated-document cache runs them once per distinct query. The cost estimate depends on
 * variables (`first: $n`), so it runs per request in `didResolveOperation`, before execution: a rejected
 * operation makes no upstream call. The token limit is graphql-js's own `maxTokens` parse option (see
 * `limitParseOptions`), which aborts the lexer while parsing instead of parsing a second time.
 *
 * One module per limit: depth.ts (MAX_DEPTH), aliases.ts (MAX_ALIASES), tokens.ts (MAX_TOKENS), cost.ts
 * (MAX_COST) and upstream-calls.ts (MAX_UPSTREAM_CALLS, the SailPoint calls an operation would make);
 * operation.ts holds what the two estimates share, limit-error.ts the error they raise, plugin.ts runs them.
 */

import type { ValidationRule } from 'graphql';
import type { LimitsConfig } from '../../config/index.js';
import { aliasesRule } from './aliases.js';
import { depthRule } from './depth.js';

export { DEFAULT_PAGE_SIZE } from '../../pagination/plan.js';
export * from './cost.js';
export * from './plugin.js';
export * from './tokens.js';
export * from './upstream-calls.js';

/** Depth and alias limits, as validation rules: they depend only on the document. */
export function limitValidationRules(
  limits: Pick<LimitsConfig, 'maxDepth' | 'maxAliases'>,
): ValidationRule[] {
  return [depthRule(limits), aliasesRule(limits)];
}
