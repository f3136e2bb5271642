/**
 * Writes the checkpoint editor's state into the page (everything but the plots): title, badge,
 * error view, summary and the tensor table, whose names select a tensor. Text goes in through
 * `textContent` only.
 */
import { byId, h } from '../common/dom';
import { columns } from './page';
import type { CheckpointAction, CheckpointState } from './state';
import { summaryLines, tensorRows } from './summary';

type Dispatch = (a: CheckpointAction) => void;

function renderTable(s: CheckpointState, dispatch: Dispatch): void {
  const rows = s.summary === undefined ? [] : tensorRows(s.summary);
  byId('rows').replaceChildren(
    ...rows.map((r) => {
      const selected = r.name === s.selected;
      const select = h(
        'button',
        { class: 'link', type: 'button', 'aria-pressed': String(selected) },
        [r.name],
      );
      select.addEventListener('click', () => dispatch({ type: 'select', name: r.name }));
      const cells = columns
        .slice(1)
        .map((c) => h('td', { class: c === 'shape' || c === 'dtype' ? '' : 'num' }, [r[c]]));
      return h('tr', { class: selected ? 'selected' : '' }, [
        h('th', { scope: 'row' }, [select]),
        ...cells,
      ]);
    }),
  );
}

/** Writes the whole state into the page; the table's tensor names dispatch `select`. */
export function renderPage(s: CheckpointState, dispatch: Dispatch): void {
  byId('title').textContent = s.fileName || 'Checkpoint';
  const sum = s.summary;
  byId('status').textContent =
    s.status !== 'ready'
      ? s.status
      : sum?.replens !== undefined
        ? `step ${sum.replens.step}`
        : (/\.(np[yz])$/i.exec(s.fileName)?.[1].toLowerCase() ?? 'safetensors');
  const failed = s.status === 'error';
  byId('error').hidden = !failed;
  byId('summary').hidden = failed; // the error view says it all
  byId('export').hidden = failed;
  byId('export-format').hidden = failed;
  byId('error-text').textContent = s.error ?? '';
  byId('content').hidden = s.status !== 'ready';
  byId('projection').hidden = sum?.projection === undefined;
  byId('summary').replaceChildren(...summaryLines(s).map((l) => h('li', {}, [l])));
  renderTable(s, dispatch);
}
