/**
 * Entry of the forked training process. Receives one start/resume request over IPC, trains via
 * the runner (which writes the run folder) and reports progress; `run/cancel` stops it cleanly.
 */
import { resumeRun, startRun } from '../runner/runExperiment';
import type { RunHooks } from '../runner/runExperiment';
import { parseConfig, formatProblem } from '../shared/parseConfig';
import type { FromWorker, ToWorker } from '../shared/protocol/workerProtocol';
import { engineVersion } from '../runner/version';

const abort = new AbortController();

function send(msg: FromWorker): void {
  process.send?.(msg);
}

const hooks: RunHooks = {
  signal: abort.signal,
  onStart: (runDir, backend) => send({ m: 'run/started', runDir, backend: backend.name }),
  onEvent: (e) => {
    if (e.type === 'metrics') {
      const { step, ...metrics } = e.metrics;
      send({ m: 'run/metrics', step, metrics });
    } else if (e.type === 'progress') {
      send({ m: 'run/progress', step: e.step, total: e.total });
    }
  },
};

async function handle(msg: ToWorker): Promise<void> {
  switch (msg.m) {
    case 'run/cancel':
      abort.abort();
      return;
    case 'run/resume':
      send({
        m: 'run/ended',
        result: await resumeRun({ runDir: msg.runDir, backend: msg.backend, ...hooks }),
      });
      return;
    case 'run/start': {
      const { config, problems } = parseConfig(msg.configText, msg.configPath);
      if (config === undefined) {
        send({
          m: 'run/error',
          message: problems.map((p) => formatProblem(msg.configPath, p)).join('\n'),
        });
        return;
      }
      const result = await startRun({
        config,
        configPath: msg.configPath,
        outRoot: msg.outRoot,
        backend: msg.backend,
        ...hooks,
      });
      send({ m: 'run/ended', result });
    }
  }
}

process.on('message', (msg: ToWorker) => {
  handle(msg).catch((e: unknown) =>
    send({ m: 'run/error', message: e instanceof Error ? e.message : String(e) }),
  );
});
send({ m: 'worker/ready', engineVersion });
