/**
 * The method comparison, pure: ARI and NMI against the skill of every method present (POLCA, the
 * loss baseline, the random and single-checkpoint bases) side by side as horizontal bars, each
 * labelled with its value ("–" where the worker found none, drawn as an empty bar at 0). ARI is
 * shown twice: with each group's best-agreeing basis vector (chosen by the labels) and with its
 * dominant one (the vector carrying most of its loss change, chosen without them).
 */
import type { Layout, PlotData } from 'plotly.js';
import type { PolcaResult } from '../../src/shared/polcaResults';
import type { Figure } from '../common/figure';
import { type PlotTheme, seriesColor } from '../common/plotTheme';
import { fixed, isNum } from './format';
import { axis, baseLayout, emptyFigure } from './layout';
import { methodIds, methodNames } from './methods';
import type { PolcaState } from './state';
import type { MethodId } from './types';

/** One method's overall scores (NaN as null). */
export interface MethodScore {
  method: MethodId;
  name: string;
  ari: number | null;
  ariDominant: number | null;
  nmi: number | null;
  basisSize?: number;
  residual?: number | null;
}

const orNull = (v: unknown): number | null => (isNum(v) ? v : null);

/** The scores of every method in the result, in comparison order. */
export function methodScores(data: PolcaResult): MethodScore[] {
  const ari = data.ari as Partial<Record<MethodId, number | null>>;
  const nmi = data.nmi as Partial<Record<MethodId, number | null>>;
  const dominant = (data.ariDominant ?? {}) as Partial<Record<MethodId, number | null>>;
  return methodIds.flatMap((id): MethodScore[] => {
    const m = data.methods.find((x) => x.method === id);
    if (m === undefined && !(id in ari)) {
      return [];
    }
    return [
      {
        method: id,
        name: methodNames[id],
        ari: orNull(id in ari ? ari[id] : m?.ari),
        ariDominant: orNull(id in dominant ? dominant[id] : m?.ariDominant),
        nmi: orNull(id in nmi ? nmi[id] : m?.nmi),
        basisSize: m?.basisSize,
        residual: id === 'polca' ? orNull(data.residual) : orNull(m?.residual),
      },
    ];
  });
}

const shown = {
  ari: 'ARI, best-agreeing vector',
  ariDominant: 'ARI, dominant vector',
  nmi: 'NMI, best-agreeing vector',
} as const;

function bars(scores: MethodScore[], what: keyof typeof shown, color: string): Partial<PlotData> {
  const values = scores.map((sc) => sc[what]);
  return {
    type: 'bar',
    orientation: 'h',
    name: shown[what],
    y: scores.map((sc) => sc.name),
    x: values.map((v) => v ?? 0),
    text: values.map((v) => fixed(v)),
    textposition: 'outside',
    cliponaxis: false,
    marker: { color },
    hovertemplate: `%{y}: ${shown[what]} %{text}<extra></extra>`,
  };
}

/** ARI and NMI per method, side by side (one row per method, POLCA on top). */
export function scoresFigure(s: PolcaState, theme: PlotTheme): Figure {
  const data = s.loads.polca.data;
  const scores = data === undefined ? [] : methodScores(data);
  if (data === undefined || scores.length === 0) {
    return emptyFigure(s.key, theme, 'methodScores');
  }
  const values = scores.flatMap((sc) => [sc.ari, sc.ariDominant, sc.nmi]).filter(isNum);
  const low = Math.min(0, ...values);
  const base = baseLayout(s.key, theme, 'methodScores', `ARI and NMI against ${data.skill}`);
  const layout: Partial<Layout> = {
    ...base,
    margin: { ...base.margin, l: 24 },
    barmode: 'group',
    xaxis: axis(theme, 'weighted over the groups', {
      range: [low < 0 ? low - 0.1 : 0, Math.max(1, ...values) + 0.15],
      zeroline: true,
    }),
    yaxis: axis(theme, '', { autorange: 'reversed', automargin: true }),
  };
  return {
    data: [
      bars(scores, 'ari', seriesColor(theme, 0)),
      bars(scores, 'ariDominant', seriesColor(theme, 2)),
      bars(scores, 'nmi', seriesColor(theme, 1)),
    ],
    layout,
  };
}
