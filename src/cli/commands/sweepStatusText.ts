/** The text form of `replens sweep status`: one line per task, then the totals. */
import * as path from 'node:path';
import type { SweepStatus, TaskStatus } from '../../runner/slurm/sweepStatus';

/** A table of the tasks and a totals line. */
export function sweepStatusText(s: SweepStatus): string {
  const head =
    s.executor === 'slurm'
      ? `Slurm sweep ${s.sweepDir} — job${s.jobIds.length === 1 ? '' : 's'} ${s.jobIds.join(', ') || '(not submitted)'}`
      : `sweep ${s.sweepDir}`;
  const rows = s.tasks.map((t) => row(t));
  const widths =
    rows[0]?.map((_, k) => Math.max(...[header, ...rows].map((r) => r[k].length))) ?? [];
  const line = (r: string[]): string =>
    r
      .map((c, k) => c.padEnd(widths[k]))
      .join('  ')
      .trimEnd();
  const totals = Object.entries(s.totals)
    .map(([state, n]) => `${n} ${state}`)
    .join(', ');
  const failed = s.tasks.filter((t) => t.error !== undefined && t.state !== 'COMPLETED');
  return [
    head,
    ...(s.refused === undefined ? [] : [`sbatch refused the last submission: ${s.refused}`]),
    line(header),
    ...rows.map(line),
    `${s.tasks.length} tasks: ${totals}${s.finished ? ' (finished)' : ''}`,
    ...failed.map((t) => `task ${t.index}: ${t.error}${logHint(s, t)}`),
  ].join('\n');
}

const header = ['task', 'seed', 'state', 'step', 'test acc', 'test loss', 'job'];

function row(t: TaskStatus): string[] {
  return [
    String(t.index),
    String(t.seed),
    t.state,
    t.step === undefined ? '-' : `${t.step}/${t.steps ?? '?'}`,
    t.final === undefined ? '-' : t.final.testAcc.toFixed(3),
    t.final === undefined ? '-' : t.final.testLoss.toFixed(4),
    t.jobId ?? '-',
  ];
}

function logHint(s: SweepStatus, t: TaskStatus): string {
  return t.log === undefined || t.error?.startsWith('see ') === true
    ? ''
    : ` (log: ${path.join(s.sweepDir, t.log)})`;
}
