/** Plain-text tables of the bench's results. */
import type { LatencySummary } from './lib.js';

export interface Target {
  id: string;
  description: string;
  measured: number;
  limit: string;
  pass: boolean;
}

function pad(value: string, width: number): string {
  return value.length >= width ? value : value + ' '.repeat(width - value.length);
}

export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, i) => pad(cell, widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export const ms = (v: number): string => v.toFixed(2);

export interface LatencyRow {
  id: string;
  title: string;
  gateway: LatencySummary;
  direct: Record<string, LatencySummary>;
  upstream: { extensions: number; tenantLog: number; perQueryInLoop: number; direct: Record<string, number> };
}

export function latencyTable(results: LatencyRow[]): string {
  const rows: string[][] = [['scenario', 'client', 'p50 ms', 'p90 ms', 'p99 ms', 'upstream req/query']];
  for (const r of results) {
    rows.push([
      `${r.id} ${r.title.slice(0, 40)}`,
      'gateway',
      ms(r.gateway.p50),
      ms(r.gateway.p90),
      ms(r.gateway.p99),
      `${r.upstream.extensions} (extensions), ${r.upstream.tenantLog} (tenant log), ${r.upstream.perQueryInLoop} (loop avg)`,
    ]);
    for (const [name, s] of Object.entries(r.direct)) {
      rows.push(['', `REST ${name}`, ms(s.p50), ms(s.p90), ms(s.p99), String(r.upstream.direct[name] ?? '')]);
    }
  }
  return table(rows);
}

export function targetTable(targets: Target[]): string {
  const rows: string[][] = [['target', 'measured', 'limit', 'result']];
  for (const t of targets) rows.push([t.description, String(t.measured), t.limit, t.pass ? 'PASS' : 'MISS']);
  return table(rows);
}
