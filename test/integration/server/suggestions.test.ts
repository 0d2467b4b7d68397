import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';

let production: TestGateway;
let development: TestGateway;
beforeAll(async () => {
  [production, development] = await Promise.all([
    startTestGateway({ env: { NODE_ENV: 'production' } }),
    startTestGateway(),
  ]);
});
afterAll(async () => {
  await Promise.all([production?.stop(), development?.stop()]);
});

const ENUM_VARIABLE = 'query ($o: [WorkflowOrder!]) { workflows(first: 1, orderBy: $o) { nodes { id } } }';
const BAD_ENUM = { o: [{ field: 'NAM' }] };
const BAD_FIELD = { o: [{ feld: 'NAME' }] };

describe('schema hints in error messages', () => {
  it('are stripped from variable-coercion messages in production', async () => {
    for (const variables of [BAD_ENUM, BAD_FIELD]) {
      const { body } = await production.query(ENUM_VARIABLE, variables);
      expect(body.errors?.length).toBeGreaterThan(0);
      for (const error of body.errors ?? []) expect(error.message).not.toMatch(/Did you mean/);
    }
  });

  it('are kept outside production, where introspection shows the schema anyway', async () => {
    const { body } = await development.query(ENUM_VARIABLE, BAD_ENUM);
    expect(body.errors?.[0]?.message).toMatch(/Did you mean the enum value "NAME"\?/);
  });
});
