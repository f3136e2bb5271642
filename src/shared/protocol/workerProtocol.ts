/** Messages between a host (extension or script) and the training worker process (dist/worker.js). */
import type { BackendChoice } from '../experimentConfig';

/** Host → worker. */
export type ToWorker =
  | {
      m: 'run/start';
      configText: string;
      configPath: string;
      outRoot: string;
      backend?: BackendChoice;
    }
  | { m: 'run/resume'; runDir: string; backend?: BackendChoice }
  | { m: 'run/cancel' };

/** Worker → host. */
export type FromWorker =
  | { m: 'worker/ready'; engineVersion: string }
  | { m: 'run/started'; runDir: string; backend: string }
  | { m: 'run/metrics'; step: number; metrics: Record<string, number> }
  | { m: 'run/progress'; step: number; total: number }
  | { m: 'run/ended'; result: unknown }
  | { m: 'run/error'; message: string };
