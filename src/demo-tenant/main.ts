/**
 * `npm run demo-tenant`: the demo tenant on its own (docker-compose runs it this way).
 * Port: `--port N` or PORT (default 7100). Host: `--host H` or HOST (default 127.0.0.1; 0.0.0.0 inside docker).
 * Seed: `--seed N` or DEMO_TENANT_SEED. The only file of the tenant that writes to the console.
 */
import { startDemoTenant } from './index.js';

function option(name: string, env: string | undefined): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  if (i !== -1) return args[i + 1];
  const inline = args.find((a) => a.startsWith(`--${name}=`));
  return inline !== undefined ? inline.slice(name.length + 3) : env;
}

function integer(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`demo-tenant: invalid ${name} '${text}' (expected an integer from ${min} to ${max})`);
    process.exit(2);
  }
  return n;
}

const port = integer('port', option('port', process.env['PORT']), 7100, 0, 65535);
const host = option('host', process.env['HOST']) ?? '127.0.0.1';
const seedText = option('seed', process.env['DEMO_TENANT_SEED']);
const seed = seedText === undefined ? undefined : integer('seed', seedText, 0, 0, 2 ** 32 - 1);

const tenant = await startDemoTenant({ port, host, ...(seed === undefined ? {} : { seed }) });
const { clientId, clientSecret } = tenant.credentials;
console.log(
  `SailPoint demo tenant listening on ${tenant.url}${host !== '127.0.0.1' ? ` (bound to ${host})` : ''}`,
);
console.log(`  client id:     ${clientId}`);
console.log(`  client secret: ${clientSecret}`);
console.log(
  `  data: ${tenant.data.workflows.length} workflows, ${tenant.data.retainedExecutions.length} executions, ` +
    `${tenant.data.retainedInvocationStatuses.length} invocation statuses, ${tenant.data.accountActivities.length} account activities`,
);
console.log('Try it:');
console.log(
  `  TOKEN=$(curl -s -X POST '${tenant.url}/oauth/token' -d grant_type=client_credentials ` +
    `-d client_id=${clientId} -d client_secret=${clientSecret} | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')`,
);
console.log(`  curl -s -H "Authorization: Bearer $TOKEN" '${tenant.url}/workflows/v1'`);
console.log(
  `  curl -s -G -H "Authorization: Bearer $TOKEN" '${tenant.url}/account-activities/v1' ` +
    `--data-urlencode 'filters=type eq "appRequest"' -d count=true -d limit=5 -D -`,
);

let stopping = false;
const shutdown = (): void => {
  if (stopping) return;
  stopping = true;
  tenant.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
