// Contract: every list and by-id response of the demo tenant (workflows, executions and their histories, trigger
// invocation statuses, account activities; every page where the style is walked in full), in every path style,
// validates against SailPoint's OpenAPI subsets, its 400 and 404 errors included.
import {
  contractDescribe,
  everyPage,
  specs,
  styles,
  tenant,
  useContractTenant,
  validate,
} from './support.js';

const describeContract = contractDescribe(import.meta.url);

describeContract('demo tenant responses match the SailPoint OpenAPI subsets', () => {
  useContractTenant();

  describe.each(styles)('$style paths', ({ style, spec: specName, paths, templates: t, full }) => {
    const spec = () => specs[specName];
    const sampleExecutions = () => {
      const byStatus = new Map<string, string>();
      for (const e of tenant.data.retainedExecutions)
        if (!byStatus.has(e.status)) byStatus.set(e.status, e.id);
      const long = tenant.data.retainedExecutions.find((e) => tenant.data.historyOf(e.id).length > 250);
      return [...byStatus.values(), ...(long ? [long.id] : [])];
    };

    it('workflows: list, get, 404', async () => {
      const list = (await validate(spec(), {
        template: t.wf,
        path: paths.workflows,
        expectStatus: 200,
      })) as unknown[];
      expect(list).toHaveLength(tenant.data.workflows.length);
      for (const w of tenant.data.workflows.slice(0, full ? undefined : 3)) {
        await validate(spec(), { template: `${t.wf}/{id}`, path: paths.workflow(w.id), expectStatus: 200 });
      }
      await validate(spec(), {
        template: `${t.wf}/{id}`,
        path: paths.workflow('missing'),
        expectStatus: 404,
      });
    });

    it('executions: every page of every workflow, 400 and 404', async () => {
      let total = 0;
      for (const w of tenant.data.workflows) {
        if (full) total += await everyPage(spec(), `${t.wf}/{id}/executions`, paths.executions(w.id));
        else
          await validate(spec(), {
            template: `${t.wf}/{id}/executions`,
            path: paths.executions(w.id),
            query: { limit: 5 },
            expectStatus: 200,
          });
      }
      if (full) expect(total).toBe(tenant.data.retainedExecutions.length);
      const id = tenant.data.busiestWorkflowId;
      await validate(spec(), {
        template: `${t.wf}/{id}/executions`,
        path: paths.executions(id),
        query: { filters: 'status gt "x"' },
        expectStatus: 400,
      });
      await validate(spec(), {
        template: `${t.wf}/{id}/executions`,
        path: paths.executions('missing'),
        expectStatus: 404,
      });
    });

    it('execution by id, history and history-v2 for every status', async () => {
      const ids = sampleExecutions();
      expect(ids.length).toBeGreaterThanOrEqual(6);
      for (const id of ids) {
        await validate(spec(), { template: `${t.ex}/{id}`, path: paths.execution(id), expectStatus: 200 });
        const history = `${t.ex}/{id}/history`;
        await validate(spec(), { template: history, path: paths.history(id), expectStatus: 200 });
        await validate(spec(), {
          template: history,
          path: paths.history(id),
          query: { offset: 250 },
          expectStatus: 200,
        });
        if (style === 'v1' || style === 'v2025') {
          await validate(spec(), {
            template: `${t.ex}/{id}/history-v2`,
            path: paths.historyV2(id),
            expectStatus: 200,
          });
        }
      }
      for (const template of [`${t.ex}/{id}`, `${t.ex}/{id}/history`]) {
        await validate(spec(), {
          template,
          path: template.replace('{id}', 'missing').replace(/^/, style === 'v1' ? '' : `/${style}`),
          expectStatus: 404,
        });
      }
      await validate(spec(), {
        template: `${t.ex}/{id}/history`,
        path: paths.history(ids[0]!),
        query: { limit: -1 },
        expectStatus: 400,
      });
    });

    it('trigger invocation statuses: every page, sorted and filtered, 400', async () => {
      if (full)
        expect(await everyPage(spec(), t.tr, paths.invocations, 100)).toBe(
          tenant.data.retainedInvocationStatuses.length,
        );
      await validate(spec(), {
        template: t.tr,
        path: paths.invocations,
        query: { sorters: '-completed', count: true, limit: 20 },
        expectStatus: 200,
      });
      const triggerId = tenant.data.retainedInvocationStatuses[0]!.triggerId;
      await validate(spec(), {
        template: t.tr,
        path: paths.invocations,
        query: { filters: `triggerId eq "${triggerId}"` },
        expectStatus: 200,
      });
      await validate(spec(), {
        template: t.tr,
        path: paths.invocations,
        query: { sorters: 'nope' },
        expectStatus: 400,
      });
    });

    it('account activities: every page, me, by id, 400 and 404', async () => {
      if (full)
        expect(await everyPage(spec(), t.aa, paths.activities)).toBe(tenant.data.accountActivities.length);
      await validate(spec(), {
        template: t.aa,
        path: paths.activities,
        query: { 'regarding-identity': 'me', sorters: '-modified', limit: 50 },
        expectStatus: 200,
      });
      await validate(spec(), {
        template: t.aa,
        path: paths.activities,
        query: { filters: 'type gt "x"' },
        expectStatus: 400,
      });
      for (const a of tenant.data.accountActivities.slice(0, full ? 50 : 3)) {
        await validate(spec(), { template: `${t.aa}/{id}`, path: paths.activity(a.id), expectStatus: 200 });
      }
      await validate(spec(), {
        template: `${t.aa}/{id}`,
        path: paths.activity('missing'),
        expectStatus: 404,
      });
    });
  });
});
