/**
 * The words of a Slurm sweep in the runs tree: the sweep's job ids and task totals, each task's
 * scheduler state and array job id, and their tooltip lines. Pure, tested without VS Code.
 */
import { type SchedulerState, type TaskStatus, schedulerStates } from '../runs/sweepCliSchemas';
import type { SweepNode } from './runsTreeNodes';

/**
 * `slurm 123 · 3/4 COMPLETED · 1 RUNNING`; `not submitted · <sbatch's message>` for a sweep sbatch
 * refused; `slurm 123 · checking…` before the first status.
 */
export function slurmSweepDescription(sweep: SweepNode): string {
  const info = sweep.slurm;
  if (info === undefined) {
    return '';
  }
  if (info.refused !== undefined) {
    return `not submitted · ${firstLine(info.refused)}`;
  }
  const jobs = info.jobIds.length === 0 ? 'slurm' : `slurm ${info.jobIds.join(', ')}`;
  const status = sweep.scheduler?.status;
  if (status !== undefined) {
    return [jobs, ...taskTotals(status.tasks)].join(' · ');
  }
  const error = sweep.scheduler?.error;
  return error === undefined ? `${jobs} · checking…` : `${jobs} · no status: ${firstLine(error)}`;
}

/** `3/4 COMPLETED`, then the count of every other state present: the contract's order, then others. */
export function taskTotals(tasks: readonly TaskStatus[]): string[] {
  const count = (state: TaskStatus['state']): number =>
    tasks.filter((t) => t.state === state).length;
  const parts = [`${count('COMPLETED')}/${tasks.length} COMPLETED`];
  const present = new Set(tasks.map((t) => t.state));
  const known = schedulerStates.filter((s) => present.has(s));
  const others = [...present].filter((s) => !known.includes(s as SchedulerState)).sort();
  for (const state of [...known, ...others]) {
    if (state !== 'COMPLETED') {
      parts.push(`${count(state)} ${state}`);
    }
  }
  return parts;
}

/** `RUNNING 123_0`: a task's scheduler state and its array job id. */
export function taskDescription(task: TaskStatus): string {
  return task.jobId === undefined ? task.state : `${task.state} ${task.jobId}`;
}

/** Markdown tooltip lines (`- Key: value`) of a Slurm sweep. */
export function slurmSweepTooltip(sweep: SweepNode): string[] {
  const info = sweep.slurm;
  if (info === undefined) {
    return [];
  }
  const lines = ['- Executor: Slurm'];
  const add = (key: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') {
      lines.push(`- ${key}: ${value}`);
    }
  };
  add(info.jobIds.length > 1 ? 'Slurm jobs' : 'Slurm job', info.jobIds.join(', '));
  add('Script', info.script && code(info.script));
  add('Refused by sbatch', info.refused && code(firstLine(info.refused)));
  add('Cancelled', info.cancelledAt && new Date(info.cancelledAt).toLocaleString());
  const status = sweep.scheduler?.status;
  add('Tasks', status && taskTotals(status.tasks).join(', '));
  add('Status', sweep.scheduler?.error && code(firstLine(sweep.scheduler.error)));
  return lines;
}

/** Markdown tooltip lines of one array task: its scheduler state, its log, its error. */
export function taskTooltip(task: TaskStatus): string[] {
  const lines = [`- Slurm task: ${code(taskDescription(task))}`];
  if (task.log !== undefined) {
    lines.push(`- Log: ${code(task.log)}`);
  }
  if (task.error !== undefined) {
    lines.push(`- Scheduler error: ${code(firstLine(task.error))}`);
  }
  return lines;
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0];
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}
