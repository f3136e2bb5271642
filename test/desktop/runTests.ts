/**
 * Runs the extension-host suite (dist/test/suite) in desktop VS Code through
 * @vscode/test-electron: on the minimum `engines.vscode` version and on stable, each with a
 * fresh copy of test/fixtures/workspace. Needs to download VS Code from Microsoft (cached in
 * .vscode-test/); on Linux without a display run it under `xvfb-run -a`. VSCODE_TEST_VERSION
 * picks one version instead. Prints "N passed, N failed"; exits non-zero on any failure.
 * `npm run test:desktop` builds first.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import type { SuiteResults } from '../suite/index';

const root = path.resolve(__dirname, '../..');

function versions(): string[] {
  if (process.env.VSCODE_TEST_VERSION) {
    return [process.env.VSCODE_TEST_VERSION];
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    engines: { vscode: string };
  };
  return [pkg.engines.vscode.replace(/^[^\d]*/, ''), 'stable'];
}

async function runOn(version: string): Promise<SuiteResults> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-desktop-'));
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(path.join(root, 'test/fixtures/workspace'), workspace, { recursive: true });
  const resultsFile = path.join(tmp, 'results.json');
  console.log(`[desktop] VS Code ${version}`);
  try {
    await runTests({
      version,
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'dist/test/suite/index.js'),
      extensionTestsEnv: { REPLENS_TEST_RESULTS: resultsFile },
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
      ],
    });
  } catch (e) {
    console.error(`[desktop] VS Code ${version}: ${String(e)}`);
  }
  const results: SuiteResults = fs.existsSync(resultsFile)
    ? (JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as SuiteResults)
    : { passed: 0, failed: 1, pending: 0, failures: [{ title: 'suite', message: 'no results' }] };
  fs.rmSync(tmp, { recursive: true, force: true });
  return results;
}

async function main(): Promise<void> {
  let passed = 0;
  let failed = 0;
  for (const version of versions()) {
    const r = await runOn(version);
    passed += r.passed;
    failed += r.failed;
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

void main();
