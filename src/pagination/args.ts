import type { PageArgs } from './plan.js';

/** Picks the Relay arguments out of a field's arguments (which also carry filter/order). */
export function pageArgs(args: PageArgs): PageArgs {
  return { first: args.first, after: args.after, last: args.last, before: args.before };
}
