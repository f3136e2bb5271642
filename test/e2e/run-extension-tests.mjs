// Runs the extension-host suite (dist/test/suite/index.js, Mocha) inside a real VS Code:
// code-server's Node extension host, driven by headless chromium. The @vscode/test-electron
// runTests() of this machine. Prints Mocha's report, then "N passed, N failed"; exits non-zero
// on any failure. Usage (after npm run build and scripts/setup-vscode-e2e.sh):
//   node test/e2e/run-extension-tests.mjs [extensionDevelopmentPath] [extensionTestsPath] [fixtureWorkspace]
// Env: REPLENS_TEST_GREP selects tests, TEST_TIMEOUT_MS (default 600000), VERBOSE shows all host
// logs, KEEP_VSCODE_E2E_TMP keeps the temp folders.
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { copyWorkspace, launchChromium, repoRoot, startCodeServer, timedLog } from './lib.mjs';

const [extDev, extTests, fixture] = [
  process.argv[2] ?? repoRoot,
  process.argv[3] ?? path.join(repoRoot, 'dist/test/suite/index.js'),
  process.argv[4] ?? path.join(repoRoot, 'test/fixtures/workspace'),
].map((p) => path.resolve(p));
const TIMEOUT_MS = Number(process.env.TEST_TIMEOUT_MS ?? 600_000);
const log = timedLog('run-extension-tests');
// Workbench chatter that says nothing about the extension under test.
const noise =
  /Ignoring fetching additional builtin|AccountPolicyGate|Creating a socket|connection token|grace time|Service Worker|AgentHost|additional builtin extensions cache/;

if (!fs.existsSync(extTests)) {
  console.error(`${extTests} is missing: run npm run build first`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

/** Opens the workbench with the test payload; resolves with the host's exit code or 'timeout'. */
async function runInWorkbench(browser, server, folder) {
  const page = await browser.newPage();
  const exit = new Promise((resolve) => void page.exposeFunction('codeAutomationExit', resolve));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = Array.isArray(args) ? util.format(...args) : String(args);
    if (process.env.VERBOSE || !noise.test(text)) {
      (type === 'error' ? console.error : console.log)(text);
    }
  });
  const payload = [
    ['extensionDevelopmentPath', extDev],
    ['extensionTestsPath', extTests],
  ];
  await page.goto(server.url(folder, payload));
  let timer;
  const timeout = new Promise((resolve) => (timer = setTimeout(resolve, TIMEOUT_MS, 'timeout')));
  return Promise.race([exit, timeout]).finally(() => clearTimeout(timer));
}

const ws = copyWorkspace(fixture);
const resultsFile = path.join(ws.tmp, 'results.json');
const server = await startCodeServer({ log, env: { REPLENS_TEST_RESULTS: resultsFile } });
let browser;
let code = 'not started';
try {
  browser = await launchChromium();
  code = await runInWorkbench(browser, server, ws.folder);
  log(code === 'timeout' ? `timed out after ${TIMEOUT_MS} ms` : `extension host exited ${code}`);
} catch (e) {
  log('driver error:', e);
} finally {
  await browser?.close();
}
let passed = 0;
let failed = 1;
if (fs.existsSync(resultsFile)) {
  ({ passed, failed } = JSON.parse(fs.readFileSync(resultsFile, 'utf8')));
} else {
  log('the suite wrote no results (it did not load or did not finish)');
}
const ok = code === 0 && failed === 0;
await server.stop({ keep: !ok });
if (ok && !process.env.KEEP_VSCODE_E2E_TMP) {
  fs.rmSync(ws.tmp, { recursive: true, force: true });
} else {
  log(`kept the workspace copy ${ws.folder}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
