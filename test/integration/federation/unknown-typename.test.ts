import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({ env: { NODE_ENV: 'production' } });
});
afterAll(async () => {
  await gw?.stop();
});

describe('_entities with an unknown __typename', () => {
  it('is BAD_USER_INPUT naming the type, logged at warn without a stack, and costs no upstream call', async () => {
    const { body } = await gw.query(
      'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }',
      { r: [{ __typename: 'NoSuchType', id: '1' }] },
    );
    expect(body.errors).toEqual([
      expect.objectContaining({
        message:
          '`_entities`: this subgraph has no entity type "NoSuchType" (check the representation\'s __typename)',
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    ]);
    expect(gw.tenant.requests).toHaveLength(0);
    const lines = gw.logs().filter((l) => l.msg === '_entities: unknown __typename');
    expect(lines).toHaveLength(1);
    expect(lines[0]?.level).toBe(40);
    expect(gw.logs().filter((l) => Number(l.level) >= 50)).toEqual([]);
  });
});
