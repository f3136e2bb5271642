// Runs every test/unit/**/*.test.ts with Node's test runner (TypeScript through tsx), prints the
// spec report, then one closing "N passed, N failed" line. Node 20's --test does not expand
// globs itself, so the files are listed here. Optional argument: a substring to filter files.
// The live-scheduler tests start the project's one-node Slurm (scripts/slurm-local.sh) when it is
// not up; it is stopped again afterwards unless it was already running before.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? find(join(dir, e.name))
      : e.name.endsWith('.test.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

const filter = process.argv[2];
const files = find('test/unit')
  .filter((f) => filter === undefined || f.includes(filter))
  .sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const slurm = (cmd) =>
  spawnSync('bash', ['scripts/slurm-local.sh', cmd], { encoding: 'utf8', timeout: 120_000 });
const slurmWasUp = slurm('status').status === 0;
const tmp = mkdtempSync(join(tmpdir(), 'replens-tests-'));
const tap = join(tmp, 'report.tap');
const r = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...files,
  ],
  { stdio: 'inherit' },
);
if (!slurmWasUp && slurm('status').status === 0) {
  slurm('stop');
}
const report = readFileSync(tap, 'utf8');
rmSync(tmp, { recursive: true, force: true });
const count = (key) => Number(new RegExp(`^# ${key} (\\d+)$`, 'm').exec(report)?.[1] ?? 0);
console.log(`${count('pass')} passed, ${count('fail')} failed, ${count('skipped')} skipped`);
process.exit(r.status ?? 1);
