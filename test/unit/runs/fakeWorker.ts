/** An in-process worker and a RunManager over such workers, for the run and sweep tests. */
import { type RunChange, RunManager, type RunState } from '../../../src/runs/runManager';
import type { WorkerHandle } from '../../../src/runs/workerClient';
import { Endpoint, memoryTransportPair } from '../../../src/shared/protocol/endpoint';
import type { HostReceives, WorkerServes } from '../../../src/shared/protocol/workerProtocol';
import type { SweepIndex } from '../../../src/shared/runManifest';
import type { RunResult } from '../../../src/shared/runResult';
import { initialSweepIndex } from '../../../src/shared/sweepPlan';
import { analysisHandlers } from '../../../src/worker/analysisHandlers';

type Params<M extends keyof WorkerServes['requests']> = WorkerServes['requests'][M]['params'];

/** What the fake workers of one test were asked (sweep requests and run starts). */
export interface WorkerLog {
  starts: Params<'run/start'>[];
  creates: Params<'sweep/create'>[];
  finishes: Params<'sweep/finish'>[];
}

export const newWorkerLog = (): WorkerLog => ({ starts: [], creates: [], finishes: [] });

/** A worker living in this process: it "trains" until told to finish, fail, crash or cancel. */
export class FakeWorker {
  readonly handle: WorkerHandle;
  readonly worker: Endpoint<WorkerServes, HostReceives>;
  finish!: (status?: RunResult['status']) => void;
  fail!: (message: string) => void;
  killed = false;
  /** Whether it was asked to train (sweep requests get workers of their own). */
  trains = false;
  cancelRequests = 0;
  private exit!: (code: number | string) => void;

  constructor(opts: { ignoreCancel?: boolean } = {}, log: WorkerLog = newWorkerLog()) {
    const [hostSide, workerSide] = memoryTransportPair();
    const host = new Endpoint<HostReceives, WorkerServes>(hostSide);
    this.worker = new Endpoint<WorkerServes, HostReceives>(workerSide);
    const exited = new Promise<number | string>((r) => (this.exit = r));
    const run = (runDir: string): Promise<RunResult> =>
      new Promise((resolve, reject) => {
        this.worker.notify('run/started', { runDir, runId: 'r1', backend: 'wasm', total: 100 });
        const result = (status: RunResult['status']): RunResult => ({
          runId: 'r1',
          runDir,
          backend: 'wasm',
          status,
          steps: 100,
          wallSeconds: 1,
        });
        this.finish = (status = 'done') => resolve(result(status));
        this.fail = (message) => reject(new Error(message));
      });
    this.worker.handle({
      ...analysisHandlers(), // served like the real worker; unused here
      'run/start': (p) => {
        log.starts.push(p);
        this.trains = true;
        return run(p.flat === true ? `${p.outRoot}/r1` : '/runs/exp/r1');
      },
      'sweep/create': (p) => {
        log.creates.push(p);
        return Promise.resolve(initialSweepIndex(p.sweep));
      },
      'sweep/finish': (p) => {
        log.finishes.push(p);
        const state: SweepIndex = initialSweepIndex(log.creates[log.creates.length - 1].sweep);
        for (const [job, outcome] of Object.entries(p.outcomes)) {
          Object.assign(state.runs[Number(job)], outcome);
        }
        return Promise.resolve(state);
      },
      'run/resume': ({ runDir }) => run(runDir),
      'run/cancel': () => {
        this.cancelRequests += 1;
        if (opts.ignoreCancel !== true) {
          this.finish('cancelled');
        }
        return Promise.resolve(null);
      },
    });
    this.handle = {
      endpoint: host,
      ready: Promise.resolve(),
      exited,
      pid: 1,
      kill: () => {
        this.killed = true;
        this.exit('SIGKILL');
        host.dispose();
      },
      release: () => this.handle.kill(),
      dispose: () => this.handle.kill(),
    };
  }

  crash(): void {
    this.exit(134);
    this.handle.endpoint.dispose();
  }
}

export function manager(
  workers: FakeWorker[],
  concurrency = 1,
  opts: { ignoreCancel?: boolean } = {},
  log: WorkerLog = newWorkerLog(),
) {
  const changes: RunChange[] = [];
  const factory = (): WorkerHandle => {
    const w = new FakeWorker(opts, log);
    workers.push(w);
    return w.handle;
  };
  const runs = new RunManager({
    workers: factory,
    concurrency: () => concurrency,
    runsRoot: () => '/runs',
    backend: () => 'auto',
    cancelGraceMs: 200,
  });
  runs.onDidChangeRun((c) => changes.push({ ...c, run: { ...c.run } }));
  return {
    runs,
    factory,
    changes,
    states: (key: string): RunState[] =>
      changes.filter((c) => c.kind === 'state' && c.run.key === key).map((c) => c.run.state),
  };
}
