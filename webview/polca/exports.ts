/**
 * The data behind each figure of the POLCA view as a table (CSV export) and as JSON, and the
 * export file names. Missing values (NaN, null) are empty cells. Pure.
 */
import type { Cell, Table } from '../common/csv';
import type { FigureId } from './figureIds';
import { baseName, isNum } from './format';
import { memberTable } from './members';
import { methodScores } from './scoresFigure';
import { selectedCluster, shownGroup, shownMethod, shownSpectrum } from './selectors';
import type { PolcaState } from './state';

const cell = (v: number | null | undefined): Cell => (isNum(v) ? v : undefined);

function curvesTable(s: PolcaState): Table {
  const method = shownMethod(s);
  const group = shownGroup(s);
  const rows = (group?.clusters ?? []).flatMap((c, i) =>
    (method?.times ?? []).map((t, j) => [
      method?.method,
      group?.token,
      i + 1,
      c.size,
      cell(c.skillFraction),
      cell(c.breakthrough),
      t,
      cell(c.mean[j]),
      cell(c.sd[j]),
    ]),
  );
  const columns = ['method', 'token', 'cluster', 'size', 'skill_fraction', 'breakthrough'];
  return { columns: [...columns, 'step', 'mean', 'sd'], rows };
}

function scoresTable(s: PolcaState): Table {
  const data = s.loads.polca.data;
  const rows = (data === undefined ? [] : methodScores(data)).map((sc) => [
    sc.method,
    data?.skill,
    cell(sc.ari),
    cell(sc.ariDominant),
    cell(sc.nmi),
    sc.basisSize,
    cell(sc.residual),
  ]);
  return {
    columns: ['method', 'skill', 'ari', 'ari_dominant', 'nmi', 'basis_size', 'residual'],
    rows,
  };
}

function membersTable(s: PolcaState): Table {
  const t = memberTable(s);
  const rows = t.rows.map((r) => [
    t.index === undefined ? undefined : t.index + 1,
    r.member.text,
    r.member.position,
    r.member.target,
    ...t.columns.map((c) => cell(r.member.labels[c])),
  ]);
  return { columns: ['cluster', 'text', 'position', 'target', ...t.columns], rows };
}

function spectrumTable(s: PolcaState): Table {
  const sp = shownSpectrum(s);
  const rows = (sp?.checkpoints ?? []).flatMap((c) =>
    c.eigenvalues.map((v, r) => [
      sp?.source,
      c.step,
      r + 1,
      cell(v),
      cell(c.residuals[r]),
      c.hvps,
      cell(c.added),
    ]),
  );
  return {
    columns: ['source', 'step', 'rank', 'eigenvalue', 'residual', 'hvps', 'added'],
    rows,
  };
}

/** The data of a figure as a table. */
export function figureTable(s: PolcaState, figure: FigureId): Table {
  switch (figure) {
    case 'clusterCurves':
      return curvesTable(s);
    case 'methodScores':
      return scoresTable(s);
    case 'members':
      return membersTable(s);
    case 'spectrum':
      return spectrumTable(s);
  }
}

/** The data of a figure as JSON: the part of the result it draws. */
export function figureJson(s: PolcaState, figure: FigureId): unknown {
  const data = s.loads.polca.data;
  switch (figure) {
    case 'clusterCurves': {
      const method = shownMethod(s);
      return { method: method?.method, times: method?.times, group: shownGroup(s) ?? null };
    }
    case 'methodScores':
      return data === undefined
        ? {}
        : { skill: data.skill, residual: data.residual, methods: methodScores(data) };
    case 'members': {
      const selected = selectedCluster(s);
      return selected === undefined
        ? {}
        : {
            token: selected.group.token,
            cluster: selected.index + 1,
            ...selected.group.clusters[selected.index],
          };
    }
    case 'spectrum':
      return shownSpectrum(s) ?? {};
  }
}

/** File name (without extension) of an export, e.g. `polca-20260101T000000Z-ab12-clusterCurves-polca-7`. */
export function exportBaseName(s: PolcaState, figure: FigureId): string {
  const run =
    s.loads.polca.data?.runId ?? s.loads.hessian.data?.runId ?? baseName(s.runDir || s.key);
  const detail =
    figure === 'clusterCurves' || figure === 'members'
      ? [shownMethod(s)?.method, shownGroup(s)?.token]
      : figure === 'spectrum'
        ? [shownSpectrum(s)?.source]
        : [];
  return ['polca', run, figure, ...detail].filter((p) => p !== undefined && p !== '').join('-');
}
