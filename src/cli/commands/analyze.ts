/**
 * `replens analyze <kind> …`: dispatches to the handler of each kind of the analysis catalogue
 * (`shared/analyses.ts`). The table is a `Record<AnalysisKind, …>`, so a kind without a handler
 * does not compile.
 */
import { AnalysisInputError } from '../../runner/analysisRuns';
import {
  type AnalysisKind,
  analysisKinds,
  analyzeUsageLines,
  isAnalysisKind,
} from '../../shared/analyses';
import { UsageError, inputErrorsAsUsage } from '../errors';
import type { Cli } from '../cli';
import { completenessAnalyzeCommand } from './analyzeCompleteness';
import { embeddingAnalyzeCommand } from './analyzeEmbedding';
import { extrapolationAnalyzeCommand } from './analyzeExtrapolation';
import { hessianAnalyzeCommand, polcaAnalyzeCommand } from './analyzePolca';
import {
  ckaAnalyzeCommand,
  starvationAnalyzeCommand,
  stitchingAnalyzeCommand,
} from './analyzeUniversality';

export const analyzeUsage = analyzeUsageLines.join('\n');

/** One kind's command: its arguments after the kind; resolves to the exit code. */
type AnalyzeHandler = (argv: string[], cli: Cli) => Promise<number>;

const handlers: Record<AnalysisKind, AnalyzeHandler> = {
  embedding: embeddingAnalyzeCommand,
  completeness: completenessAnalyzeCommand,
  extrapolation: extrapolationAnalyzeCommand,
  cka: ckaAnalyzeCommand,
  stitching: stitchingAnalyzeCommand,
  starvation: starvationAnalyzeCommand,
  polca: polcaAnalyzeCommand,
  hessian: hessianAnalyzeCommand,
};

/** Runs one analysis; inputs an analysis cannot use are bad input (exit 2) with its message. */
export async function analyzeCommand(argv: string[], cli: Cli): Promise<number> {
  const [kind, ...rest] = argv;
  if (!isAnalysisKind(kind)) {
    throw new UsageError(
      `analyze: unknown analysis "${kind ?? ''}"; available: ${analysisKinds.join(', ')}\nusage: ${analyzeUsage}`,
    );
  }
  try {
    return await inputErrorsAsUsage(() => handlers[kind](rest, cli));
  } catch (e) {
    throw e instanceof AnalysisInputError ? new UsageError(e.message) : e;
  }
}
