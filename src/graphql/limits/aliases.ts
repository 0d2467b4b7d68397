import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import type { ValidationRule } from 'graphql';
import type { LimitsConfig } from '../../config/index.js';
import { reportLimit } from './limit-error.js';

/** MAX_ALIASES: how many aliased fields a document may have (aliases multiply work without nesting). */
export function aliasesRule(limits: Pick<LimitsConfig, 'maxAliases'>): ValidationRule {
  return maxAliasesRule({
    n: limits.maxAliases,
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [reportLimit('Use fewer aliased fields, or page through a connection instead.')],
  });
}
