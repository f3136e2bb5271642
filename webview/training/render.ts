/**
 * Writes the training view's state into the page (everything but the plot): title, badge, step
 * line, the Stop button and the summary. Text goes in through `textContent` only.
 */
import { byId, h } from '../common/dom';
import { type TrainingPage, stoppableRun } from './state';
import { stepText, summaryLines } from './summary';

/** Writes the whole state into the page (cheap; done after every change). */
export function renderPage({ state }: TrainingPage): void {
  const single = state.runs.length === 1 ? state.runs[0] : undefined;
  byId('title').textContent = state.title || 'Training';
  const live = state.runs.filter((r) => r.status === 'running').length;
  byId('status').textContent =
    state.phase !== 'ready'
      ? state.phase
      : (single?.status ?? `${state.runs.length} runs, ${live} running`);
  byId('step').textContent = single === undefined ? '' : stepText(single);
  byId('stop').hidden = stoppableRun(state) === undefined;
  const lines =
    state.phase === 'failed' ? [state.error ?? 'Cannot load the run.'] : summaryLines(state);
  byId('summary').replaceChildren(...lines.map((line) => h('li', {}, [line])));
}
