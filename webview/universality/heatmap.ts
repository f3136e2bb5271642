/**
 * A CKA matrix as a Plotly heatmap, pure: values in the cells on a fixed 0–1 colour scale, each
 * tested cell marked with its significance (*, **, *** or n.s.) and its permutation null in the
 * hover (p, the null's mean and 2.5–97.5 % band). Shared by the layers and the runs views.
 */
import type { Annotations, PlotData } from 'plotly.js';
import type { CkaEstimator, CkaMatrix } from '../../src/shared/universalityResults';
import type { Figure } from '../common/figure';
import type { PlotTheme } from '../common/plotTheme';
import { cellText, estimatorNames, fixed, nullText } from './format';
import { axis, baseLayout, heatScale, textOn } from './layout';

/** Cells beyond which values are no longer written into the heatmap (hover still has them). */
const maxAnnotatedCells = 900;

export interface HeatmapOptions {
  key: string;
  figure: string;
  title: string;
  xTitle: string;
  yTitle: string;
  estimator: CkaEstimator;
  /** The selected cell (by row and column name), written in bold brackets. */
  selected?: { row: string; column: string };
  /** Names shown for the rows and columns (default: the matrix's own); must be distinct. */
  rowNames?: string[];
  columnNames?: string[];
}

function names(m: CkaMatrix, o: HeatmapOptions): { rows: string[]; columns: string[] } {
  return { rows: o.rowNames ?? m.rows, columns: o.columnNames ?? m.columns };
}

/** The hover text of every cell: the pair, the value and, when tested, its null. */
export function ckaHoverTexts(m: CkaMatrix, o: HeatmapOptions): string[][] {
  const { rows, columns } = names(m, o);
  return m.values.map((row, i) =>
    row.map((v, j) => {
      const band = m.nulls?.[i]?.[j];
      const head = `${rows[i]} ↔ ${columns[j]}<br>${estimatorNames[o.estimator]} ${fixed(v)}`;
      return band === undefined ? head : `${head}<br>${nullText(band)}`;
    }),
  );
}

/** The value (and significance mark) written into every cell. */
export function ckaAnnotations(
  m: CkaMatrix,
  theme: PlotTheme,
  o: HeatmapOptions,
): Partial<Annotations>[] {
  if (m.rows.length * m.columns.length > maxAnnotatedCells) {
    return [];
  }
  const { rows, columns } = names(m, o);
  return m.values.flatMap((row, i) =>
    row.map((v, j): Partial<Annotations> => ({
      x: columns[j],
      y: rows[i],
      xref: 'x',
      yref: 'y',
      text:
        o.selected?.row === rows[i] && o.selected.column === columns[j]
          ? `<b>[${cellText(v, m.nulls?.[i]?.[j])}]</b>`
          : cellText(v, m.nulls?.[i]?.[j]),
      showarrow: false,
      font: { size: theme.fontSize - 1, color: textOn(v) },
    })),
  );
}

/** The legend of the marks, when the matrix was tested. */
export function significanceNote(m: CkaMatrix): string | undefined {
  const permutations = m.nulls?.[0]?.[0]?.permutations;
  return permutations === undefined
    ? undefined
    : `* p < 0.05, ** p < 0.01, *** p < 0.001, n.s. not significant ` +
        `(permutation test, ${permutations} permutations per cell)`;
}

/** The heatmap figure of a CKA matrix (rows top to bottom, as in the matrix). */
export function ckaHeatmapFigure(m: CkaMatrix, theme: PlotTheme, o: HeatmapOptions): Figure {
  const { rows, columns } = names(m, o);
  const trace: Partial<PlotData> = {
    type: 'heatmap',
    x: columns,
    y: rows,
    z: m.values,
    zmin: 0,
    zmax: 1,
    colorscale: heatScale,
    xgap: 1,
    ygap: 1,
    text: ckaHoverTexts(m, o) as unknown as string[],
    hovertemplate: '%{text}<extra></extra>',
    colorbar: {
      title: { text: 'CKA' },
      tickfont: { color: theme.foreground },
      outlinewidth: 0,
    },
  };
  const note = significanceNote(m);
  const title = note === undefined ? o.title : `${o.title}<br><sup>${note}</sup>`;
  return {
    data: [trace],
    layout: {
      ...baseLayout(o.key, theme, o.figure, title),
      margin: { l: 120, r: 24, t: note === undefined ? 56 : 72, b: 96 },
      xaxis: axis(theme, o.xTitle, { type: 'category', automargin: true, showgrid: false }),
      yaxis: axis(theme, o.yTitle, {
        type: 'category',
        autorange: 'reversed',
        automargin: true,
        showgrid: false,
      }),
      annotations: ckaAnnotations(m, theme, o),
    },
  };
}
