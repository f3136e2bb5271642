/**
 * Entry of the extension-host suite (the `extensionTestsPath` of @vscode/test-electron and of
 * test/e2e/run-extension-tests.mjs): runs every bundled `*.test.js` beside this file with Mocha
 * (tdd: `suite` / `test`) inside the real extension host. Prints a closing "N passed, N failed"
 * line and, when REPLENS_TEST_RESULTS names a file, writes the counts there as JSON so the
 * launcher can report them even when the host's console does not reach it.
 * REPLENS_TEST_GREP (a substring or regex of the full test title) selects tests.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** What the launchers read from REPLENS_TEST_RESULTS. */
export interface SuiteResults {
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; message: string }[];
}

function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => path.join(dir, f));
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, reporter: 'spec', timeout: 30_000 });
  const grep = process.env.REPLENS_TEST_GREP;
  if (grep) {
    mocha.grep(grep);
  }
  for (const file of testFiles(__dirname)) {
    mocha.addFile(file);
  }
  const results: SuiteResults = { passed: 0, failed: 0, pending: 0, failures: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      results.failed = failures;
      console.log(`${results.passed} passed, ${results.failed} failed`);
      const out = process.env.REPLENS_TEST_RESULTS;
      if (out) {
        fs.writeFileSync(out, JSON.stringify(results, null, 1));
      }
      if (failures > 0) {
        reject(new Error(`${failures} tests failed`));
      } else {
        resolve();
      }
    });
    runner.on('pass', () => results.passed++);
    runner.on('pending', () => results.pending++);
    runner.on('fail', (t, err: unknown) =>
      results.failures.push({ title: t.fullTitle(), message: String(err) }),
    );
  });
}
