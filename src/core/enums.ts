/**
 * GraphQL enum <-> SailPoint value maps. Each enum has ONE const map (in its domain's translate.ts) typed against
 * the codegen union, so the compiler keeps the SDL, the generated types and the runtime mapping in step; inputs
 * translate through `toUpstream`, outputs through `enumOut` in field resolvers.
 */

/** The logger surface enum mapping needs (a pino Logger satisfies it; tests pass a recording fake). */
export interface WarnLogger {
  warn(obj: object, msg: string): void;
}

export interface UpstreamEnum<G extends string> {
  /** GraphQL enum name, for log lines. */
  readonly name: string;
  /** GraphQL value -> SailPoint value, every known member (UNKNOWN has no upstream value). */
  readonly toUpstream: Readonly<Record<G, string>>;
  /** SailPoint value -> GraphQL value; values SailPoint added after this gateway was written give UNKNOWN. */
  fromUpstream(value: string): G | 'UNKNOWN';
}

export function defineEnum<G extends string>(name: string, toUpstream: Record<G, string>): UpstreamEnum<G> {
  // A Map rather than a plain-object lookup, so an upstream value like "constructor" cannot hit Object.prototype.
  const reverse = new Map<string, G>();
  for (const [graphql, upstream] of Object.entries(toUpstream) as [G, string][]) {
    if (reverse.has(upstream)) throw new Error(`${name}: SailPoint value "${upstream}" is mapped twice`);
    reverse.set(upstream, graphql);
  }
  return {
    name,
    toUpstream: Object.freeze({ ...toUpstream }),
    fromUpstream: (value) => reverse.get(value) ?? 'UNKNOWN',
  };
}

// Process-wide on purpose: SailPoint adding an enum value is a fact about the upstream, not about one request,
// and one log line per (enum, value) is enough to notice it. Bounded so a misbehaving upstream cannot grow it.
const warned = new Set<string>();
const MAX_WARNED = 1000;

/**
 * Output mapping for a field resolver: null/undefined stay null, unknown values become UNKNOWN and are logged
 * once per (enum, value) per process. Never throws: a new SailPoint value must not fail a query.
 */
export function enumOut<G extends string>(
  e: UpstreamEnum<G>,
  value: string | null | undefined,
  logger: WarnLogger,
): G | 'UNKNOWN' | null {
  if (value === null || value === undefined) return null;
  const mapped = e.fromUpstream(value);
  if (mapped === 'UNKNOWN') {
    const id = `${e.name}\u0000${value}`;
    if (!warned.has(id) && warned.size < MAX_WARNED) {
      warned.add(id);
      logger.warn(
        { enum: e.name, value: value.slice(0, 100) },
        'Unknown SailPoint enum value mapped to UNKNOWN',
      );
    }
  }
  return mapped;
}

/** enumOut for a non-null GraphQL field: a missing value is UNKNOWN too (SailPoint marks few fields required). */
export function enumOutRequired<G extends string>(
  e: UpstreamEnum<G>,
  value: string | null | undefined,
  logger: WarnLogger,
): G | 'UNKNOWN' {
  return enumOut(e, value ?? '', logger) ?? 'UNKNOWN';
}
