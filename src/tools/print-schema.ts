/**
 * `npm run schema:print [-- <file>]`: writes this gateway's Federation 2 subgraph SDL (what `_service { sdl }`
 * returns), for registering with a schema registry or composing with `rover supergraph compose`.
 * Without a file argument it prints to stdout.
 */
import { writeFileSync } from 'node:fs';
import { graphqlSync } from 'graphql';
import { buildGatewaySchema } from '../graphql/schema.js';

// Asked of the schema the gateway builds rather than printed here: `printSubgraphSchema` leaves out the federation
// definitions (`@link`, `_entities`, `_Service`, `link__Purpose`, ...) that `_service { sdl }` includes, and a
// registry would then see two different schemas for one subgraph.
const schema = buildGatewaySchema();
const result = graphqlSync({ schema, source: '{ _service { sdl } }' });
const sdl = (result.data?._service as { sdl?: unknown } | null | undefined)?.sdl;
if (typeof sdl !== 'string') {
  throw new Error(`_service { sdl } failed: ${JSON.stringify(result.errors ?? result.data)}`);
}
const out = process.argv[2];
if (out) {
  writeFileSync(out, sdl);
  process.stderr.write(`wrote subgraph SDL to ${out}\n`);
} else {
  process.stdout.write(sdl);
}
