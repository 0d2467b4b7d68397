import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';
import { gatewayBuild, type GatewayBuild } from '../efficiency/processes.js';

/**
 * `npm run schema:print` is `npm run build && node dist/tools/print-schema.js`: this runs the built script (a private
 * build when dist/ is stale, so no `npm run build` races with another test) and compares it with what the running
 * gateway serves as `_service { sdl }`, which a router or schema registry reads.
 */

let build: GatewayBuild;
const script = (): string => join(dirname(build.entry), 'tools', 'print-schema.js');
let gw: TestGateway;
let served: string;
let printed: SpawnSyncReturns<string>;
beforeAll(async () => {
  build = gatewayBuild();
  gw = await startTestGateway();
  const { body } = await gw.query<{ _service: { sdl: string } }>('{ _service { sdl } }');
  served = body.data?._service.sdl ?? '';
  printed = spawnSync(process.execPath, [script()], { encoding: 'utf8' });
}, 120_000);
afterAll(async () => {
  await gw.stop();
  build.cleanup();
});

describe('schema:print', () => {
  it('prints exactly the SDL the running gateway serves as _service { sdl }', () => {
    expect(printed.stderr).toBe('');
    expect(printed.status).toBe(0);
    expect(served.length).toBeGreaterThan(0);
    expect(printed.stdout).toBe(served);
  });

  it('has the four entity types and the Identity stub of the federation contract', () => {
    const sdl = printed.stdout;
    for (const entity of ['Workflow', 'WorkflowExecution', 'TriggerInvocationStatus', 'AccountActivity']) {
      // Each entity is also a Relay Node (issue 12): the key stays SailPoint's id.
      expect(sdl).toMatch(
        new RegExp(`^type ${entity}\\s+implements Node\\s+@key\\(fields: "id"\\)\\s*\\{$`, 'm'),
      );
    }
    expect(sdl).toMatch(/^type Identity\s+@key\(fields: "id", resolvable: false\)\s*\{$/m);
    // Those five types and no other.
    expect(sdl.match(/^\s*@key\(/gm)).toHaveLength(5);
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.3"');
  });

  it('writes the same SDL to a file given as argument, and says where on stderr', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sgw-schema-print-'));
    try {
      const out = join(dir, 'subgraph.graphql');
      const run = spawnSync(process.execPath, [script(), out], { encoding: 'utf8' });
      expect(run.status).toBe(0);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`wrote subgraph SDL to ${out}\n`);
      expect(readFileSync(out, 'utf8')).toBe(served);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
