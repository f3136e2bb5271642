/**
 * Plot colours and fonts derived from the VS Code theme, and the Plotly layout parts built from
 * them. Pure (no DOM): `theme.ts` reads the CSS variables, figure builders take a `PlotTheme`.
 */
import type { Layout } from 'plotly.js';

/** Colours and font of a figure. */
export interface PlotTheme {
  kind: 'light' | 'dark' | 'high-contrast';
  background: string;
  foreground: string;
  /** Axis lines, tick marks and grid. */
  grid: string;
  fontFamily: string;
  fontSize: number;
  /** Colours of successive series (VS Code's chart palette). */
  series: readonly string[];
}

/** The VS Code variables read, each with the value used when it is missing (dark theme). */
export const themeVariables = {
  background: ['--vscode-editor-background', '#1e1e1e'],
  foreground: ['--vscode-editor-foreground', '#cccccc'],
  grid: ['--vscode-charts-lines', 'rgba(204, 204, 204, 0.5)'],
  fontFamily: ['--vscode-font-family', 'system-ui, sans-serif'],
  fontSize: ['--vscode-font-size', '13px'],
  blue: ['--vscode-charts-blue', '#3794ff'],
  orange: ['--vscode-charts-orange', '#d18616'],
  green: ['--vscode-charts-green', '#89d185'],
  purple: ['--vscode-charts-purple', '#b180d7'],
  red: ['--vscode-charts-red', '#f14c4c'],
  yellow: ['--vscode-charts-yellow', '#cca700'],
} as const;

export type ThemeVariable = keyof typeof themeVariables;

/** A theme from the resolved variable values (`read` returns '' for a missing variable). */
export function themeFrom(kind: PlotTheme['kind'], read: (name: string) => string): PlotTheme {
  const v = (key: ThemeVariable): string => {
    const [name, fallback] = themeVariables[key];
    const value = read(name).trim();
    return value === '' ? fallback : value;
  };
  const size = Number.parseFloat(v('fontSize'));
  return {
    kind,
    background: v('background'),
    foreground: v('foreground'),
    grid: v('grid'),
    fontFamily: v('fontFamily'),
    fontSize: Number.isFinite(size) && size > 0 ? size : 13,
    series: [v('blue'), v('orange'), v('green'), v('purple'), v('red'), v('yellow')],
  };
}

/** The theme used when nothing can be read (tests, and before the page has styles). */
export const fallbackTheme: PlotTheme = themeFrom('dark', () => '');

/** The colour of the i-th series (cycling through the palette). */
export function seriesColor(theme: PlotTheme, i: number): string {
  return theme.series[i % theme.series.length];
}

/** Layout parts every figure shares: backgrounds, font, legend and hover colours. */
export function themedLayout(theme: PlotTheme): Partial<Layout> {
  return {
    paper_bgcolor: theme.background,
    plot_bgcolor: theme.background,
    font: { family: theme.fontFamily, size: theme.fontSize, color: theme.foreground },
    legend: { bgcolor: 'rgba(0,0,0,0)', font: { color: theme.foreground } },
    hoverlabel: {
      bgcolor: theme.background,
      bordercolor: theme.grid,
      font: { color: theme.foreground },
    },
    margin: { l: 64, r: 16, t: 32, b: 48 },
  };
}

/** Axis styling from the theme (merge into each axis). */
export function themedAxis(theme: PlotTheme): Partial<Layout['xaxis']> {
  return {
    color: theme.foreground,
    gridcolor: theme.grid,
    linecolor: theme.grid,
    zerolinecolor: theme.grid,
    tickfont: { color: theme.foreground },
  };
}

/** A horizontal legend at the bottom of the figure, below the x axis title. */
export function legendBelow(theme: PlotTheme): Partial<Layout['legend']> {
  return {
    ...themedLayout(theme).legend,
    orientation: 'h',
    x: 0,
    xanchor: 'left',
    y: 0,
    yanchor: 'bottom',
    yref: 'container',
  };
}
