/**
 * The live one-node Slurm cluster for the extension-host suite: started with the repository's
 * scripts/slurm-local.sh (a no-op when it is up), within a bound, without blocking the host.
 * REPLENS_SKIP_SLURM=1 skips the Slurm tests on a machine that cannot run the scheduler.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { replensExtension } from './helpers';

/** The cluster's folder, as scripts/slurm-local.sh chooses it. */
const slurmDir = process.env.REPLENS_SLURM_DIR ?? '/tmp/replens-slurm';

/** Whether the cluster is up, or why the Slurm tests cannot run. */
export type ClusterState =
  { ok: true; conf: string } | { ok: false; skip: boolean; reason: string };

/** Starts the cluster (at most `timeoutMs`; installing the packages is CI's set-up). */
export async function startSlurm(timeoutMs = 200_000): Promise<ClusterState> {
  if (process.env.REPLENS_SKIP_SLURM === '1') {
    return { ok: false, skip: true, reason: 'REPLENS_SKIP_SLURM=1' };
  }
  const script = path.join(replensExtension().extensionPath, 'scripts', 'slurm-local.sh');
  const r = await run('bash', [script, 'start'], timeoutMs);
  const conf = path.join(slurmDir, 'slurm.conf');
  if (r.code !== 0 || !fs.existsSync(conf)) {
    return { ok: false, skip: false, reason: `slurm-local.sh start: ${r.code}\n${r.output}` };
  }
  return { ok: true, conf };
}

function run(
  command: string,
  args: string[],
  timeoutMs: number,
): Promise<{ code: number | string; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
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
