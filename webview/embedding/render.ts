/**
 * Writes the embedding view's state into the page (everything but the plots): title, badge,
 * player, colour and projection selects, the explained variance's name and the summary. Text
 * goes in through `textContent` only.
 */
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import { byId, h } from '../common/dom';
import {
  type Option,
  choiceLabel,
  choiceOptions,
  choiceValue,
  fixedDims,
  modeOptions,
  modeValue,
  shownProjection,
} from './projection';
import { type EmbeddingState, colourOptions, noColour } from './state';
import { sliderText, summaryLines } from './summary';

/** Replaces a selector's options when they changed, and selects `value`. */
function setOptions(id: string, options: Option[], value: string): void {
  const el = byId<VscodeSingleSelect>(id);
  const key = options.map((o) => o.join('=')).join('\n');
  if (el.dataset.options !== key) {
    el.dataset.options = key;
    el.replaceChildren(...options.map(([v, text]) => h('vscode-option', { value: v }, [text])));
  }
  el.value = value;
}

function renderPlayer(s: EmbeddingState): void {
  const n = s.data?.steps.length ?? 0;
  const slider = byId<HTMLInputElement>('slider');
  slider.max = String(Math.max(0, n - 1));
  slider.value = String(s.index);
  slider.disabled = n < 2;
  slider.setAttribute('aria-valuetext', sliderText(s));
  slider.setAttribute('aria-label', 'Checkpoint');
  byId('slider-text').textContent = sliderText(s);
  const play = byId<HTMLElement & { disabled: boolean }>('play');
  play.textContent = s.playing ? 'Pause' : 'Play';
  play.setAttribute('aria-pressed', String(s.playing));
  play.disabled = n < 2;
}

function renderProjectionControls(s: EmbeddingState): void {
  setOptions('mode', modeOptions(s), modeValue(s));
  const label = choiceLabel(s);
  byId('choice-field').hidden = label === undefined;
  byId('choice-label').textContent = label ?? '';
  byId('choice').setAttribute('aria-label', label ?? '');
  setOptions('choice', choiceOptions(s), choiceValue(s));
  const dims = byId<VscodeSingleSelect>('dims');
  dims.value = String(s.k);
  dims.disabled = fixedDims(s);
  const fixed = shownProjection(s.data).kind !== 'pca';
  byId('explained').setAttribute(
    'aria-label',
    fixed
      ? 'Share of variance along each axis over the steps'
      : 'Explained variance of each principal component over the steps',
  );
}

/** Writes the whole state into the page. */
export function renderPage(s: EmbeddingState): void {
  byId('title').textContent = s.title || 'Embedding';
  byId('status').textContent = s.stale ? 'run changed' : s.status;
  renderPlayer(s);
  setOptions(
    'colour-by',
    colourOptions(s).map((o) => [o, o]),
    s.colourBy || noColour,
  );
  renderProjectionControls(s);
  const lines = summaryLines(s);
  byId('summary').replaceChildren(...lines.map((line) => h('li', {}, [line])));
}
