/**
 * Stitching between two runs of the same task, in both directions: every layer pair (or only the
 * token embeddings) with the task-loss bridge, the least-squares bridge and the controls. Cached
 * in the first run's `analyses/stitching-<hash>.json` once both runs have ended.
 */
import * as path from 'node:path';
import { type BridgeOptions, bridgeDefaults } from '../../engine/analysis/stitching/bridge';
import { tokenLayer } from '../../engine/analysis/stitching/stitchedModel';
import type { StitchingRequestOptions } from '../../shared/protocol/analysisProtocol';
import type {
  StitchingCell,
  StitchingDirection,
  StitchingResult,
} from '../../shared/universalityResults';
import {
  AnalysisInputError,
  cachedAnalysis,
  readAnalysedRun,
  yieldToEvents,
} from '../analysisRuns';
import { directionContext, layerPairs, stitchCell } from './stitchDirection';
import { type RunModel, openRunModel } from './runModel';

/** Bump when the result's shape or meaning changes, so cached results are recomputed. */
const resultVersion = 1;

/** The bridge options a request resolves to. */
export function stitchingOptions(o: StitchingRequestOptions = {}): BridgeOptions {
  return {
    ...bridgeDefaults,
    ...(o.epsilon === undefined ? {} : { epsilon: o.epsilon }),
    ...(o.steps === undefined ? {} : { steps: o.steps }),
    ...(o.seed === undefined ? {} : { seed: o.seed }),
  };
}

/** Stitches `from` into `to` and back (cached once both runs have ended). */
export async function analyzeStitching(
  from: string,
  to: string,
  options: StitchingRequestOptions = {},
  onProgress?: (done: number, total: number) => void,
): Promise<StitchingResult> {
  const a = readAnalysedRun(from, 'stitching');
  const b = readAnalysedRun(to, 'stitching');
  if (JSON.stringify(a.config.task) !== JSON.stringify(b.config.task)) {
    throw new AnalysisInputError(
      `${from} and ${to} train different tasks; stitching needs the same task in both runs`,
    );
  }
  const bridge = stitchingOptions(options);
  const embeddingOnly = options.embeddingOnly ?? false;
  const ended = a.manifest.status !== 'running' && b.manifest.status !== 'running';
  const key = {
    resultVersion,
    to: path.resolve(to),
    bridge,
    embeddingOnly,
    steps: [a.manifest.lastStep, b.manifest.lastStep],
  };
  const manifest = ended ? a.manifest : { ...a.manifest, status: 'running' as const };
  return cachedAnalysis(from, manifest, 'stitching', key, async () => {
    const runs = [await openRunModel(from)];
    try {
      runs.push(await openRunModel(to));
      return await stitchBoth(runs[0], runs[1], bridge, embeddingOnly, onProgress);
    } finally {
      runs.forEach((r) => r.dispose());
    }
  });
}

async function stitchBoth(
  a: RunModel,
  b: RunModel,
  bridge: BridgeOptions,
  embeddingOnly: boolean,
  onProgress?: (done: number, total: number) => void,
): Promise<StitchingResult> {
  const forwardCtx = directionContext(a, b, bridge);
  const backwardCtx = directionContext(b, a, bridge);
  const pairs = [layerPairs(forwardCtx, embeddingOnly), layerPairs(backwardCtx, embeddingOnly)];
  const total = pairs[0].length + pairs[1].length;
  let done = 0;
  const direction = async (
    ctx: typeof forwardCtx,
    layerPairList: [string, string][],
  ): Promise<StitchingDirection> => {
    const cells: StitchingCell[] = [];
    for (const [f, t] of layerPairList) {
      cells.push(stitchCell(ctx, f, t));
      onProgress?.((done += 1), total);
      await yieldToEvents();
    }
    return {
      from: { ...compared(ctx.source), balancedAccuracy: ownAccuracy(ctx.source, ctx) },
      to: { ...compared(ctx.target), balancedAccuracy: ctx.targetAccuracy },
      cells,
    };
  };
  const forward = await direction(forwardCtx, pairs[0]);
  const backward = await direction(backwardCtx, pairs[1]);
  const headline = (d: StitchingDirection): number =>
    d.cells.find((c) => c.fromLayer === tokenLayer && c.toLayer === tokenLayer)?.task
      .balancedAccuracy ?? Number.NaN;
  return {
    epsilon: bridge.epsilon,
    steps: bridge.steps,
    chance: forwardCtx.chance,
    forward,
    backward,
    symmetric: (headline(forward) + headline(backward)) / 2,
  };
}

function compared(r: RunModel): { runDir: string; runId: string; label: string } {
  return { runDir: r.runDir, runId: r.manifest.runId, label: r.manifest.runId };
}

/** The source's own held-out accuracy (it is the target of the other direction). */
function ownAccuracy(source: RunModel, ctx: { options: BridgeOptions }): number {
  return directionContext(source, source, ctx.options).targetAccuracy;
}
