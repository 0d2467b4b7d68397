/**
 * The bench's targets: each measured figure against its limit (ratios to the direct REST client, CPU per
 * execution, memory, startup). Apart from run.ts so the limits the gateway is held to are read in one list, not
 * between process handling and printing.
 */
import type { FreshRate, RepeatedRate } from './measure.js';
import { round } from './lib.js';
import type { LatencyRow, Target } from './report.js';
import type { Scenario } from './scenarios.js';
import { STARTUP_RUNS, THROUGHPUT_CONCURRENCY } from './settings.js';

export interface Measured {
  results: LatencyRow[];
  /** Every scenario, run or not (BENCH_SCENARIOS), for their baselines. */
  all: Scenario[];
  cpuPerExec: Record<string, number>;
  fresh: Record<string, FreshRate>;
  repeated: RepeatedRate | undefined;
  rssAfterLoad: number;
  startupMedian: number;
}

/** Limits as the report prints them ('1.10', not 1.1); each target compares against the number. */
interface ScenarioLimits {
  cpuMs: string;
  p50Ratio: string;
  rateRatio: string;
}

/** The targets of the scenarios that ran (and those that need none), each with whether it passed. */
export function benchTargets(input: Measured): Target[] {
  const { results, all, cpuPerExec, fresh, repeated, rssAfterLoad, startupMedian } = input;
  const byId = (id: string): LatencyRow | undefined => results.find((r) => r.id === id);
  const p50Ratio = (id: string): number => {
    const r = byId(id);
    const baseline = all.find((s) => s.id === id)?.baseline ?? '';
    return r === undefined ? Number.NaN : round(r.gateway.p50 / (r.direct[baseline]?.p50 ?? Number.NaN));
  };
  const s2 = byId('S2');
  const t = (
    id: string,
    description: string,
    measured: number,
    limit: string,
    pass: boolean,
    needs?: string,
  ) => ({
    id,
    description,
    measured,
    limit,
    pass,
    needs,
  });
  const loadCpu = (id: string): number => fresh[id]?.cpuMsPerExec ?? Number.NaN;
  /** The four targets S1 and S3 each have: CPU sequential and under load, p50 and fresh rate against `baseline`. */
  const scenarioTargets = (id: string, baseline: string, limits: ScenarioLimits) => {
    const cpu = cpuPerExec[id] ?? NaN;
    const [loaded, p50, rate] = [loadCpu(id), p50Ratio(id), fresh[id]?.ratio ?? NaN];
    const { cpuMs, p50Ratio: p50Limit, rateRatio } = limits;
    const c = THROUGHPUT_CONCURRENCY;
    return [
      t(`${id}.cpu`, `${id} gateway CPU ms/exec, sequential`, cpu, `<= ${cpuMs}`, cpu <= Number(cpuMs), id),
      t(
        `${id}.cpuLoaded`,
        `${id} gateway CPU ms/exec, c=${c}`,
        loaded,
        `<= ${cpuMs}`,
        loaded <= Number(cpuMs),
        id,
      ),
      t(`${id}.p50`, `${id} p50 / ${baseline} p50`, p50, `<= ${p50Limit}`, p50 <= Number(p50Limit), id),
      t(
        `${id}.rate`,
        `${id} fresh exec/s / ${baseline} (c=${c})`,
        rate,
        `>= ${rateRatio}`,
        rate >= Number(rateRatio),
        id,
      ),
    ];
  };
  const candidates: (Target & { needs?: string | undefined })[] = [
    ...scenarioTargets('S1', 'direct', { cpuMs: '1.5', p50Ratio: '1.10', rateRatio: '0.9' }),
    t(
      'S2.requests',
      'S2 upstream requests (extensions, tenant log, loop)',
      s2?.upstream.extensions ?? NaN,
      '== 2',
      s2 !== undefined &&
        s2.upstream.extensions === 2 &&
        s2.upstream.tenantLog === 2 &&
        s2.upstream.perQueryInLoop === 2,
      'S2',
    ),
    t('S2.p50', 'S2 p50 / careful REST p50', p50Ratio('S2'), '<= 1.10', p50Ratio('S2') <= 1.1, 'S2'),
    ...scenarioTargets('S3', 'sequential REST', { cpuMs: '12', p50Ratio: '0.45', rateRatio: '0.6' }),
    t(
      'repeated',
      'S1 repeated exec/s / S1 fresh exec/s',
      round((repeated?.perSecond ?? NaN) / (fresh['S1']?.gateway ?? NaN)),
      '>= 3',
      (repeated?.perSecond ?? NaN) >= 3 * (fresh['S1']?.gateway ?? NaN),
      'S1',
    ),
    t(
      'rss',
      'Gateway RSS after load (MiB; the soak is the real test)',
      rssAfterLoad,
      '<= 150',
      rssAfterLoad <= 150,
    ),
    t(
      'startup',
      `Startup of node dist/index.js to /healthz 200 (ms, median of ${STARTUP_RUNS})`,
      startupMedian,
      '< 1000',
      startupMedian < 1000,
    ),
  ];
  return candidates
    .filter((c) => c.needs === undefined || byId(c.needs) !== undefined)
    .map(({ needs: _needs, ...target }) => target);
}
