/**
 * `npm run schema:print [-- <file>]`: writes this gateway's Federation 2 subgraph SDL (what `_service { sdl }`
 * returns), for registering with a schema registry or composing with `rover supergraph compose`.
 * Without a file argument it prints to stdout.
 */
import { writeFileSync } from 'node:fs';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { resolvers } from '../resolvers.js';
import { loadTypeDefs } from '../server.js';

const sdl = printSubgraphSchema(buildSubgraphSchema([{ typeDefs: loadTypeDefs(), resolvers }]));
const out = process.argv[2];
if (out) {
  writeFileSync(out, sdl);
  process.stderr.write(`wrote subgraph SDL to ${out}\n`);
} else {
  process.stdout.write(sdl);
}
