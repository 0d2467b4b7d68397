/**
 * The injected faults a test arms with `addFault`: which request each rule matches and how many it has left.
 * Apart from server.ts so the matching rules (token path excluded by default, stateful RegExps reset) are read in
 * one place, not between the socket handling.
 */
import { TOKEN_PATH } from './http/token-endpoint.js';
import type { FaultRule } from './types.js';

interface ActiveFault {
  rule: FaultRule;
  remaining: number;
}

function pathMatches(rule: FaultRule, path: string): boolean {
  if (rule.path === undefined) return path !== TOKEN_PATH;
  if (typeof rule.path === 'string') return rule.path === path;
  // A /g or /y RegExp keeps state between test() calls; every request must be matched afresh.
  rule.path.lastIndex = 0;
  return rule.path.test(path);
}

/** The armed rules, first added first matched. */
export class Faults {
  private active: ActiveFault[] = [];

  add(rule: FaultRule): void {
    this.active.push({ rule, remaining: rule.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.active = [];
  }

  /** The first rule matching `path`, counted as used; undefined when none applies. */
  take(path: string): FaultRule | undefined {
    const active = this.active.find((f) => f.remaining > 0 && pathMatches(f.rule, path));
    if (!active) return undefined;
    active.remaining--;
    if (active.remaining <= 0) this.active = this.active.filter((f) => f !== active);
    return active.rule;
  }
}
