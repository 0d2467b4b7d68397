/**
 * Apollo Client 4 logs its cache warnings only in development builds: bundlers pick them with the `development`
 * export condition, Node (and jest) with this global, read once when Apollo's modules load. So this module must
 * be imported before any of Apollo's.
 */
(globalThis as { __DEV__?: boolean }).__DEV__ = true;
