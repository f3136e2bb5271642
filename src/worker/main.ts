/**
 * Entry of the forked worker process (dist/worker.js). It serves one Endpoint over the IPC
 * channel: run requests (through the runner, which writes the run folder) and analysis requests.
 * `run/cancel` stops a run cleanly after its current step.
 */
import { resumeRun, startRun } from '../runner/runExperiment';
import type { RunHooks } from '../runner/runExperiment';
import { createSweepFolder, finishSweepFolder } from '../runner/sweepFolder';
import { engineVersion } from '../runner/version';
import { requireValidConfig } from '../shared/parseConfig';
import { Endpoint } from '../shared/protocol/endpoint';
import { ipcTransport } from '../shared/protocol/ipcTransport';
import type { HostReceives, WorkerServes } from '../shared/protocol/workerProtocol';
import { analysisHandlers } from './analysisHandlers';

const endpoint = new Endpoint<WorkerServes, HostReceives>(ipcTransport(process));
const abort = new AbortController();

const hooks: RunHooks = {
  signal: abort.signal,
  onStart: (runDir, backend, manifest) =>
    endpoint.notify('run/started', {
      runDir,
      runId: manifest.runId,
      backend: backend.name,
      total: manifest.steps,
    }),
  onEvent: (e) => {
    if (e.type === 'metrics') {
      endpoint.notify('run/metrics', e.metrics);
    } else if (e.type === 'progress') {
      endpoint.notify('run/progress', { step: e.step, total: e.total });
    }
  },
};

endpoint.handle({
  'run/start': async ({ configText, configPath, outRoot, backend, flat }) => {
    const config = requireValidConfig(configText, configPath);
    // A config that names its backend wins; `auto` configs follow the editor's setting.
    const chosen = config.backend !== 'auto' ? config.backend : backend;
    return startRun({ config, configPath, outRoot, flat, backend: chosen, ...hooks });
  },
  'run/resume': ({ runDir, backend }) => resumeRun({ runDir, backend, ...hooks }),
  'sweep/create': ({ sweep }) => Promise.resolve(createSweepFolder(sweep)),
  'sweep/finish': ({ sweepDir, outcomes }) =>
    Promise.resolve(finishSweepFolder(sweepDir, outcomes)),
  'run/cancel': () => {
    abort.abort();
    return Promise.resolve(null);
  },
  ...analysisHandlers((p) => endpoint.notify('analysis/progress', p)),
});

// The host disconnecting (window closed, host crashed) stops the run cleanly.
process.on('disconnect', () => abort.abort());
endpoint.notify('worker/ready', { engineVersion, pid: process.pid });
