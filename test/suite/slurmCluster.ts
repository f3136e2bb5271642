/**
 * The live one-node Slurm cluster for the extension-host suite: started with the repository's
 * scripts/slurm-local.sh (a no-op when it is up), within a bound, without blocking the host, and
 * stopped again afterwards only when the suite started it. REPLENS_SKIP_SLURM=1 skips the Slurm
 * tests on a machine that cannot run the scheduler.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { replensExtension } from './helpers';

/** The cluster's folder, as scripts/slurm-local.sh chooses it. */
const slurmDir = process.env.REPLENS_SLURM_DIR ?? '/tmp/replens-slurm';

/** Whether the cluster is up (and whether this suite started it), or why the tests cannot run. */
export type ClusterState =
  { ok: true; conf: string; started: boolean } | { ok: false; skip: boolean; reason: string };

/** Starts the cluster (at most `timeoutMs`; installing the packages is CI's set-up). */
export async function startSlurm(timeoutMs = 200_000): Promise<ClusterState> {
  if (process.env.REPLENS_SKIP_SLURM === '1') {
    return { ok: false, skip: true, reason: 'REPLENS_SKIP_SLURM=1' };
  }
  const wasUp = (await run([script(), 'status'], 30_000)).code === 0;
  const r = await run([script(), 'start'], timeoutMs);
  const conf = path.join(slurmDir, 'slurm.conf');
  if (r.code !== 0 || !fs.existsSync(conf)) {
    return { ok: false, skip: false, reason: `slurm-local.sh start: ${r.code}\n${r.output}` };
  }
  return { ok: true, conf, started: !wasUp };
}

/** Stops the cluster: only for one `startSlurm` started (it cancels every job on it). */
export async function stopSlurm(): Promise<void> {
  await run([script(), 'stop'], 60_000);
}

function script(): string {
  return path.join(replensExtension().extensionPath, 'scripts', 'slurm-local.sh');
}

function run(
  args: string[],
  timeoutMs: number,
): Promise<{ code: number | string; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', args, {
      env: { ...process.env, REPLENS_SLURM_DIR: slurmDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (e) => resolve({ code: e.message, output }));
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal ?? 'killed', output });
    });
  });
}
