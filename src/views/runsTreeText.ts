/**
 * The words of the runs tree: labels, one-line descriptions and markdown tooltips of its nodes.
 * Pure, so the texts are tested without VS Code.
 */
import type { SweepIndex } from '../shared/runManifest';
import { lineageTooltip } from './runsTreeLineage';
import type { RunNode, RunSummary, SweepJobEntry, SweepNode } from './runsTreeNodes';

/** A run's label: its folder name, or its job and overrides inside a sweep. */
export function runLabel(run: RunNode): string {
  if (run.job === undefined) {
    return run.name;
  }
  const overrides = overridesText(run.job.overrides);
  return `job ${run.job.index}${overrides ? `: ${overrides}` : ''}`;
}

/** `lr=0.01, hidden=[64]`: the last segment of each overridden key with its value. */
export function overridesText(overrides: SweepJobEntry['overrides']): string {
  return Object.entries(overrides)
    .map(([key, value]) => `${key.split('.').pop() ?? key}=${JSON.stringify(value)}`)
    .join(', ');
}

/** `done · test acc 1.000 · 500 steps`, `running · step 120/500`, `failed at step 40 · NaN loss`. */
export function runDescription(summary: RunSummary): string {
  const progress = `step ${summary.step}/${summary.total}`;
  switch (summary.status) {
    case 'done': {
      const acc = summary.final ? ` · test acc ${summary.final.testAcc.toFixed(3)}` : '';
      return `done${acc} · ${summary.total} steps`;
    }
    case 'running':
      return `running · ${progress}`;
    case 'queued':
      return 'queued';
    case 'failed':
      return `failed at step ${summary.step}${summary.error ? ` · ${firstLine(summary.error)}` : ''}`;
    case 'cancelled':
    case 'interrupted':
      return `${summary.status} at ${progress}`;
    case 'invalid':
      return firstLine(summary.error ?? 'not a run folder');
  }
}

/** `4/8 done · 1 failed · 2 running · 1 queued` from a sweep's index, or why it is unreadable. */
export function sweepDescription(sweep: SweepNode): string {
  if (sweep.error !== undefined) {
    return sweep.error;
  }
  const runs: SweepIndex['runs'] = sweep.index?.runs ?? [];
  if (runs.length === 0) {
    return sweep.index === undefined ? 'starting' : 'no jobs';
  }
  const count = (s: SweepJobEntry['status']): number => runs.filter((r) => r.status === s).length;
  const parts = [`${count('done')}/${runs.length} done`];
  for (const [status, word] of [
    ['failed', 'failed'],
    ['cancelled', 'cancelled'],
    ['running', 'running'],
    ['pending', 'queued'],
  ] as const) {
    if (count(status) > 0) {
      parts.push(`${count(status)} ${word}`);
    }
  }
  return parts.join(' · ');
}

/** The markdown tooltip of a run: status, backend, seed, config hash, times, result, folder. */
export function runTooltip(run: RunNode, summary: RunSummary): string {
  const m = run.manifest;
  const lines = [`**${esc(run.name)}** · ${summary.status}`, ''];
  const item = (key: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') {
      lines.push(`- ${key}: ${value}`);
    }
  };
  item('Experiment', m && esc(m.experiment));
  item('Backend', summary.backend && backendText(run, summary.backend));
  item('Seed', m && String(m.seed));
  item('Config hash', m && code(m.configHash));
  item('Steps', `${summary.step}/${summary.total}`);
  item('Started', m && localTime(m.startedAt));
  item('Ended', m?.endedAt && localTime(m.endedAt));
  item('Wall time', m && m.wallSeconds > 0 ? `${m.wallSeconds.toFixed(1)} s` : undefined);
  item('Resumed', m && m.resumes.length > 0 ? `${m.resumes.length}×` : undefined);
  item('Checkpoints', String(run.checkpointCount));
  item('Analyses', run.analysisCount > 0 ? String(run.analysisCount) : undefined);
  if (summary.final) {
    const f = summary.final;
    item(
      'Final',
      `train loss ${f.trainLoss.toPrecision(4)}, train acc ${f.trainAcc.toFixed(3)}, ` +
        `test loss ${f.testLoss.toPrecision(4)}, test acc ${f.testAcc.toFixed(3)}`,
    );
  }
  item('Overrides', run.job && code(overridesText(run.job.overrides)));
  for (const [key, value] of lineageTooltip(run)) {
    item(key, value);
  }
  item('Error', summary.error && esc(summary.error));
  if (summary.status === 'interrupted') {
    item('Note', 'run.json says running, but nothing has written to the folder for a while');
  }
  item('Folder', code(run.runDir));
  return lines.join('\n');
}

function backendText(run: RunNode, name: string): string {
  const b = run.manifest?.backend;
  if (b === undefined) {
    return esc(name);
  }
  const extras = [
    `requested ${b.requested}`,
    b.simd === true ? 'SIMD' : undefined,
    b.threads !== undefined ? `${b.threads} threads` : undefined,
    b.fallbacks.length > 0 ? `fell back from ${b.fallbacks.join(', ')}` : undefined,
  ].filter((x) => x !== undefined);
  return esc(`${name} (${extras.join('; ')})`);
}

function localTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? esc(iso) : d.toLocaleString();
}

function firstLine(text: string): string {
  const line = text.split('\n')[0];
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

/** Escapes markdown syntax in free text (error messages, names). */
export function esc(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}
