import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type { ValidationRule } from 'graphql';
import type { LimitsConfig } from '../../config/index.js';
import { reportLimit } from './limit-error.js';

/** MAX_DEPTH: how deeply selections may nest. A validation rule, so it runs once per distinct document. */
export function depthRule(limits: Pick<LimitsConfig, 'maxDepth'>): ValidationRule {
  return maxDepthRule({
    n: limits.maxDepth,
    // Introspection (`__schema`) is deep by nature and must always pass: Sandbox and routers need it.
    ignoreIntrospection: true,
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [
      reportLimit('Request fewer nested levels, e.g. query nested objects in a separate operation.'),
    ],
  });
}
