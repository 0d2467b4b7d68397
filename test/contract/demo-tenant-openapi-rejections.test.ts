// Contract: what the demo tenant refuses, and how, in every path style: the converted schemas reject bodies
// SailPoint would not send, undeclared query parameters are 400s, and 401/403/500/429 bodies match the specs.
import { errorText, startTestTenant, tenantGet } from '../helpers/demo-tenant.js';
import type { JsonObject } from './openapi-schemas.js';
import { contractDescribe, specs, styles, tenant, useContractTenant, validate } from './support.js';

/**
 * A valid value for each query parameter the specs declare, per operation where it matters. A parameter a future
 * spec adds has no entry here, and the parameter test says so instead of passing.
 */
const SAMPLE_VALUES: Record<string, (template: string) => string> = {
  limit: () => '5',
  offset: () => '1',
  count: () => 'true',
  'requested-for': () => 'me',
  'requested-by': () => 'me',
  'regarding-identity': () => 'me',
  filters: (template) =>
    template.endsWith('/executions')
      ? 'status eq "Failed"'
      : template.includes('/trigger-invocations')
        ? 'triggerId eq "x"'
        : 'type eq "appRequest"',
  sorters: (template) => (template.includes('/trigger-invocations') ? '-created' : '-modified'),
};

const describeContract = contractDescribe(import.meta.url);

describeContract('demo tenant responses match the SailPoint OpenAPI subsets', () => {
  useContractTenant();

  it('validates strictly: the converted schemas reject bodies SailPoint would not send', () => {
    for (const [name, spec] of Object.entries(specs)) {
      const wf = name === 'v1' ? '/workflows/v1' : '/workflows';
      const ex = name === 'v1' ? '/workflow-executions/v1/{id}' : '/workflow-executions/{id}';
      const aa = name === 'v1' ? '/account-activities/v1' : '/account-activities';
      const list = spec.ajv.compile(spec.convert(spec.responseSchema(wf, 200)) as JsonObject);
      const workflow = tenant.data.workflows[0]!;
      expect(list([workflow])).toBe(true);
      expect(list([{ ...workflow, undocumented: 1 }])).toBe(false);
      expect(list([{ ...workflow, created: 'yesterday' }])).toBe(false);
      expect(list([{ ...workflow, trigger: { ...workflow.trigger, type: 'WEBHOOK' } }])).toBe(false);
      expect(list([{ ...workflow, trigger: { type: 'EVENT', attributes: { id: 'x', extra: 1 } } }])).toBe(
        false,
      );
      expect(list([{ ...workflow, owner: { ...workflow.owner, type: 'ROLE' } }])).toBe(false);
      const item = (spec.convert(spec.responseSchema(ex, 200)) as JsonObject)['items'] as JsonObject;
      const execution = spec.ajv.compile(item);
      expect(execution(tenant.data.retainedExecutions[0])).toBe(true);
      expect(execution({ ...tenant.data.retainedExecutions[0], status: 'Bogus' })).toBe(false);
      expect(execution({ ...tenant.data.retainedExecutions[0], closeTime: null })).toBe(false);
      const activities = spec.ajv.compile(spec.convert(spec.responseSchema(aa, 200)) as JsonObject);
      const activity = tenant.data.accountActivities[0]!;
      expect(activities([activity])).toBe(true);
      expect(activities([{ ...activity, completionStatus: 'DONE' }])).toBe(false);
      expect(activities([{ ...activity, executionStatus: null }])).toBe(false);
      expect(activities([{ ...activity, clientMetadata: { a: 1 } }])).toBe(false);
      expect(activities([{ ...activity, items: [{ provisioningStatus: 'COMMITTED' }] }])).toBe(false);
      const error = spec.ajv.compile(spec.convert(spec.responseSchema(aa, 400)) as JsonObject);
      expect(
        error({ detailCode: '400', trackingId: 'x', messages: [{ text: 'x', localeOrigin: 'SOMEWHERE' }] }),
      ).toBe(false);
    }
  });

  describe.each(styles)('$style paths', ({ style, spec: specName, paths, templates: t }) => {
    const spec = () => specs[specName];

    it('accepts exactly the query parameters the spec declares for each operation, and 400s any other', async () => {
      const templates = spec()
        .templates()
        // history-v2 exists in v1 and v2025 only.
        .filter((template) => style === 'v1' || style === 'v2025' || !template.endsWith('/history-v2'));
      const everyName = new Set(templates.flatMap((template) => spec().queryParameters(template)));
      const idFor = (template: string): string =>
        template.startsWith('/workflows')
          ? tenant.data.busiestWorkflowId
          : template.startsWith('/workflow-executions')
            ? tenant.data.retainedExecutions[0]!.id
            : tenant.data.accountActivities[0]!.id;
      let checked = 0;
      for (const template of templates) {
        const concrete = `${style === 'v1' ? '' : `/${style}`}${template.replace('{id}', idFor(template))}`;
        const declared = spec().queryParameters(template);
        for (const name of declared) {
          const value = SAMPLE_VALUES[name];
          if (!value) throw new Error(`${template} declares '${name}', which has no sample value here`);
          await validate(spec(), {
            template,
            path: concrete,
            query: { [name]: value(template) },
            expectStatus: 200,
          });
        }
        for (const name of [...everyName, 'bogus'].filter((n) => !declared.includes(n))) {
          const body = await validate(spec(), {
            template,
            path: concrete,
            query: { [name]: '1' },
            expectStatus: 400,
          });
          expect(errorText(body)).toMatch(new RegExp(`^Query parameter '${name}' `));
          checked++;
        }
      }
      expect(everyName).toEqual(
        new Set([
          'limit',
          'offset',
          'count',
          'filters',
          'sorters',
          'requested-for',
          'requested-by',
          'regarding-identity',
        ]),
      );
      expect(checked).toBeGreaterThan(50);
    });

    it('401 without a token, and injected 403/500 bodies', async () => {
      await validate(spec(), { template: t.aa, path: paths.activities, token: null, expectStatus: 401 });
      await validate(spec(), {
        template: t.wf,
        path: paths.workflows,
        token: tenant.issueToken(undefined, -1),
        expectStatus: 401,
      });
      tenant.addFault({ status: 403, times: 1 });
      await validate(spec(), { template: t.tr, path: paths.invocations, expectStatus: 403 });
      tenant.addFault({ status: 500, times: 1 });
      await validate(spec(), { template: `${t.aa}/{id}`, path: paths.activity('x'), expectStatus: 500 });
    });

    it('429 from the rate limiter', async () => {
      const limited = await startTestTenant({ rateLimit: { requests: 1, windowMs: 60_000 } });
      try {
        const token = limited.issueToken();
        expect((await tenantGet(limited, paths.workflows, { token })).status).toBe(200);
        const res = await tenantGet(limited, paths.workflows, { token });
        expect(res.status).toBe(429);
        const validator = spec().ajv.compile(spec().convert(spec().responseSchema(t.wf, 429)) as JsonObject);
        expect(validator(res.body)).toBe(true);
        expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      } finally {
        await limited.stop();
      }
    });
  });
});
