/**
 * `replens analyze embedding <runDir|externalFolder> [--layer L] [--k 2|3] [--projection …] [--json]`: the token embedding at
 * every checkpoint of a run, projected as the embedding panel shows it (aligned PCA, or axes fixed
 * from the last checkpoint: a Fourier plane, Walsh directions, the residue line). `--json` prints
 * `{ kind, source, step, result }` with the panel's data: per-step coordinates, explained
 * variance, the task's per-token labels and the metrics at each step.
 */
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { analyzeEmbedding } from '../../runner/embedding/embeddingTrajectory';
import type {
  EmbeddingProjectionRequest,
  EmbeddingTrajectoryResult,
} from '../../shared/embeddingResults';
import { UsageError, exitCodes } from '../errors';
import type { Cli } from '../cli';
import { isExternalFolder } from './analyzeExternal';
import { parseIntArg } from './run';

const usage =
  'usage: replens analyze embedding <runDir|externalFolder> [--layer L] [--k 2|3] [--projection pca|fourier|walsh|line] [--frequency K] [--masks M,M,…] [--json]';

/** `replens analyze embedding <runDir>` */
export async function embeddingAnalyzeCommand(argv: string[], cli: Cli): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      k: { type: 'string' },
      projection: { type: 'string' },
      frequency: { type: 'string' },
      masks: { type: 'string' },
      layer: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1) {
    throw new UsageError(usage);
  }
  const runDir = positionals[0];
  if (!fs.existsSync(runDir) || !fs.statSync(runDir).isDirectory()) {
    throw new UsageError(`${runDir}: no such run folder`);
  }
  const k = values.k === undefined ? 2 : parseIntArg('--k', values.k);
  if (k !== 2 && k !== 3) {
    throw new UsageError(`--k ${k}: expected 2 or 3`);
  }
  if (values.layer !== undefined && !isExternalFolder(runDir)) {
    throw new UsageError(`--layer applies to external folders; ${runDir} is not one`);
  }
  const result = await trajectory(runDir, k, projectionOf(values), values.layer);
  const doc = { kind: 'embedding', source: runDir, step: result.steps.at(-1) ?? null, result };
  cli.out(values.json ? JSON.stringify(doc, null, 2) : embeddingText(result));
  return exitCodes.ok;
}

/** The trajectory; a run or projection it cannot use is bad input (exit 2). */
async function trajectory(
  runDir: string,
  k: 2 | 3,
  projection: EmbeddingProjectionRequest | undefined,
  layer: string | undefined,
): Promise<EmbeddingTrajectoryResult> {
  try {
    return await analyzeEmbedding(runDir, { k, projection, layer });
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === 'bad-run' || code === 'bad-projection') {
      throw new UsageError((e as Error).message);
    }
    throw e;
  }
}

function projectionOf(values: {
  projection?: string;
  frequency?: string;
  masks?: string;
}): EmbeddingProjectionRequest | undefined {
  const { projection, frequency, masks } = values;
  if (frequency !== undefined && projection !== 'fourier') {
    throw new UsageError('--frequency needs --projection fourier');
  }
  if (masks !== undefined && projection !== 'walsh') {
    throw new UsageError('--masks needs --projection walsh');
  }
  switch (projection) {
    case undefined:
      return undefined;
    case 'pca':
    case 'line':
      return { kind: projection };
    case 'fourier':
      return {
        kind: 'fourier',
        k: frequency === undefined ? undefined : parseIntArg('--frequency', frequency),
      };
    case 'walsh':
      return {
        kind: 'walsh',
        masks: masks?.split(',').map((m) => parseIntArg('--masks', m.trim())),
      };
    default:
      throw new UsageError(`--projection "${projection}": expected pca, fourier, walsh or line`);
  }
}

const pct = (x: number | undefined): string => (x === undefined ? '–' : `${(100 * x).toFixed(1)}%`);
const acc = (x: number | undefined): string => (x === undefined ? '–' : x.toFixed(3));

/** A terminal summary: the projection, then one line per checkpoint. */
function embeddingText(r: EmbeddingTrajectoryResult): string {
  const axes = r.projection?.axes ?? Array.from({ length: r.k }, (_, i) => `PC ${i + 1}`);
  const lines = [
    `${r.experiment} · ${r.runId}${r.task === '' ? '' : ` · ${r.task}`}`,
    `${r.tensor}: ${r.tokens.length} tokens, ${r.steps.length} checkpoints, projection ${r.projection?.kind ?? 'pca'}` +
      ` (available: ${(r.projection?.available ?? ['pca']).join(', ')})`,
    `${'step'.padStart(8)}  ${axes.map((a) => a.padStart(16)).join('')}  ${'train acc'.padStart(9)}  ${'test acc'.padStart(8)}`,
    ...r.steps.map((step, t) => {
      const shares = axes.map((_, i) => pct(r.explained[t]?.[i]).padStart(16)).join('');
      const m = r.metrics[t] ?? undefined;
      return `${String(step).padStart(8)}  ${shares}  ${acc(m?.trainAcc).padStart(9)}  ${acc(m?.testAcc).padStart(8)}`;
    }),
    ...r.skipped.map((s) => `skipped step ${s.step}: ${s.reason}`),
  ];
  return lines.join('\n');
}
