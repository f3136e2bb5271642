/** The result document of a run (DESIGN §4, `replens run --json`), shared by CLI, worker and host. */
import type { FinalMetrics, RunManifest } from './runManifest';

export interface RunResult {
  runId: string;
  runDir: string;
  backend: string;
  status: RunManifest['status'];
  steps: number;
  final?: Omit<FinalMetrics, 'step'>;
  wallSeconds: number;
  error?: string;
}

/** Train and test metrics at one logged step (one line of metrics.jsonl). */
export interface StepMetricsRecord {
  step: number;
  lr: number;
  trainLoss: number;
  trainAcc: number;
  testLoss: number;
  testAcc: number;
}
