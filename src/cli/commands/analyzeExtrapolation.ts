/** `replens analyze extrapolation <runDir|sweepDir>... [--json]` */
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { compareExtrapolation } from '../../runner/extrapolation/compareExtrapolation';
import type {
  CheckpointExtrapolation,
  ExtrapolationComparison,
  RunExtrapolation,
} from '../../shared/extrapolationResults';
import { UsageError, exitCodes } from '../errors';
import type { Cli } from '../cli';

/** `replens analyze extrapolation <runDir|sweepDir>... [--json]` */
export function extrapolationAnalyzeCommand(argv: string[], cli: Cli): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false } },
  });
  return extrapolationCommand(positionals, values.json, cli);
}

/**
 * Analyses the sources. One run prints its numbers at the best-validation checkpoint at the top
 * of `result` (`prompts`, `oodR1Accuracy`, `idGrammaticalAccuracy`, `valLoss`, …) with the
 * per-checkpoint list beside them; several runs print the comparison.
 */
async function extrapolationCommand(sources: string[], json: boolean, cli: Cli): Promise<number> {
  if (sources.length === 0) {
    throw new UsageError('analyze extrapolation needs at least one run or sweep folder');
  }
  for (const s of sources) {
    if (!fs.existsSync(s) || !fs.statSync(s).isDirectory()) {
      throw new UsageError(`${s}: no such run or sweep folder`);
    }
  }
  const result = await compareExtrapolation(sources, (m) => cli.err(m));
  const single = sources.length === 1 && result.runs.length === 1 && !result.partial;
  if (json) {
    const doc = single
      ? {
          kind: 'extrapolation',
          source: sources[0],
          step: result.runs[0].best.step,
          result: flattenRun(result.runs[0]),
        }
      : {
          kind: 'extrapolation',
          source: sources.length === 1 ? sources[0] : sources,
          step: null,
          result,
        };
    cli.out(JSON.stringify(doc, null, 2));
  } else {
    cli.out(comparisonText(result));
  }
  return exitCodes.ok;
}

/** One run's numbers at its best checkpoint at the top level, then everything else. */
function flattenRun(run: RunExtrapolation): Record<string, unknown> {
  const { best } = run;
  return {
    ...run,
    bestStep: best.step,
    oodR1Accuracy: best.oodR1Accuracy,
    idGrammaticalAccuracy: best.idGrammaticalAccuracy,
    valLoss: best.valLoss,
    valLossUnmasked: best.valLossUnmasked,
    valAcc: best.valAcc,
  };
}

const f3 = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : '–');

function comparisonText(r: ExtrapolationComparison): string {
  const lines = r.runs.map(runLine);
  for (const t of r.byTraining) {
    lines.push(
      `${t.training} (${t.runs} run${t.runs === 1 ? '' : 's'}): val loss ${f3(t.valLoss.mean)} ± ${f3(t.valLoss.sd)}, OOD R1 ${f3(t.oodR1Accuracy.mean)} ± ${f3(t.oodR1Accuracy.sd)}, ID grammatical ${f3(t.idGrammaticalAccuracy.mean)}`,
    );
  }
  for (const s of r.skipped) {
    lines.push(`skipped ${s.runDir}: ${s.reason}`);
  }
  return lines.join('\n');
}

function runLine(run: RunExtrapolation): string {
  const b: CheckpointExtrapolation = run.best;
  return (
    `${run.experiment}/${run.runId} (${run.language}, ${run.training}, ${run.model}): ` +
    `${run.prompts.id} ID / ${run.prompts.ood} OOD prompts; best step ${b.step}: ` +
    `val loss ${f3(b.valLoss)} (unmasked ${f3(b.valLossUnmasked)}), ` +
    `OOD R1 ${f3(b.oodR1Accuracy)} (chance ${f3(run.chanceOodR1)}), ID grammatical ${f3(b.idGrammaticalAccuracy)}`
  );
}
