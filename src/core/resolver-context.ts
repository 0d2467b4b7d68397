import type { Logger } from 'pino';

/** Who is calling, as far as caching and isolation care. Never holds the raw credential. */
export interface Viewer {
  /** How the upstream credential was obtained. */
  mode: 'pass-through' | 'service' | 'demo';
  /**
   * Stable, non-reversible hash of the caller's credential (bearer token, or API key in service mode).
   * Cache keys and coalescing keys derive from it, so one caller's entries are never served to another.
   */
  credentialHash: string;
}

/**
 * What every resolver receives, whatever its domain: the caller, a logger, the page-size cap, and the
 * DataLoaders `L` of the request. It lives here, below the domains, so that a domain names only the slice it
 * reads (`ResolverContext<WorkflowLoaders>`) and never imports the GraphQL layer that composes the full
 * `Context` (graphql/context.ts) from every domain's loaders. Codegen's `contextType` points here for the
 * same reason.
 */
export interface ResolverContext<L = unknown> {
  requestId: string;
  viewer: Viewer;
  logger: Logger;
  /** Largest `first`/`last` a caller may ask for (MAX_PAGE_SIZE). */
  maxPageSize: number;
  /** DataLoaders of this request (memoise and batch upstream reads within one operation). */
  loaders: L;
}
