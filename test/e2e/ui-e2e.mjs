// UI checks of the extension in a real VS Code workbench (code-server) in headless chromium.
// Every check runs in order on one page; after each, a screenshot goes to
// test-results/screenshots/NN-<check>.png (…-failed.png on failure) and the page's console to
// test-results/ui-e2e-console.log. Prints "N passed, N failed"; exits non-zero on any failure.
// Usage (after npm run build and scripts/setup-vscode-e2e.sh):
//   node test/e2e/ui-e2e.mjs [extensionDevelopmentPath] [fixtureWorkspace]
// Add a check: check('what the user sees', async ({ page }) => { ...throw on failure... }).
// Checks may leave a widget open for the screenshot: the runner presses Escape after each.
import fs from 'node:fs';
import path from 'node:path';
import { copyWorkspace, launchChromium, repoRoot, startCodeServer, timedLog } from './lib.mjs';

const extDev = path.resolve(process.argv[2] ?? repoRoot);
const fixture = path.resolve(process.argv[3] ?? path.join(repoRoot, 'test/fixtures/workspace'));
const outDir = path.join(repoRoot, 'test-results');
const shotDir = path.join(outDir, 'screenshots');
const log = timedLog('ui-e2e');
const CHECK_MS = 180_000; // a hung check fails instead of hanging the run

/** @typedef {{ page: import('playwright-core').Page }} Ctx */
/** @type {{ name: string, fn: (ctx: Ctx) => Promise<void> }[]} */
const checks = [];
/** Registers a check; checks run in registration order on the same workbench page. */
function check(name, fn) {
  checks.push({ name, fn });
}

/** Opens a workspace file through Quick Open (Ctrl+P) and waits for its editor tab. */
async function quickOpen(page, name) {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
}

/** Types `>text` into the command palette and returns the locator of the matching rows. */
async function paletteRows(page, text) {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').fill(`>${text}`);
  return page.locator('.quick-input-list .monaco-list-row', { hasText: text });
}

// ---------------------------------------------------------------------------------- checks

check('the workbench opens the fixture workspace with the extension', async ({ page }) => {
  const row = page.locator('.explorer-folders-view .monaco-list-row', {
    hasText: 'tiny.replens.json',
  });
  await row.first().waitFor({ timeout: 90_000 });
  const title = await page.title();
  if (!title.includes('Extension Development Host')) {
    throw new Error(`title without "[Extension Development Host]": ${title}`);
  }
});

check('the Replens container is in the activity bar and shows the Runs view', async ({ page }) => {
  const item = page.locator('.activitybar .action-item .action-label[aria-label^="Replens"]');
  await item.first().waitFor();
  await item.first().click();
  // A lone view is titled "Replens: Runs" in the side bar's title; several get pane headers.
  const title = page.locator('.sidebar :is(.title-label, .pane-header)', { hasText: /runs/i });
  await title.first().waitFor();
});

check('Quick Open opens tiny.replens.json as JSON with Comments', async ({ page }) => {
  await quickOpen(page, 'tiny.replens.json');
  await page.locator('.monaco-editor .view-lines', { hasText: 'modular-addition' }).waitFor();
  await page.locator('.statusbar-item', { hasText: 'JSON with Comments' }).first().waitFor();
});

check('the command palette lists "Replens: Run Experiment"', async ({ page }) => {
  const rows = await paletteRows(page, 'Replens: Run Experiment');
  await rows.first().waitFor();
});

// ---------------------------------------------------------------------------------- runner

async function runChecks(page) {
  let passed = 0;
  let failed = 0;
  for (const [i, { name, fn }] of checks.entries()) {
    const slug = name
      .replace(/[^a-z0-9]+/gi, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase();
    const base = path.join(shotDir, `${String(i + 1).padStart(2, '0')}-${slug}`);
    let timer;
    const limit = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`check took over ${CHECK_MS} ms`)), CHECK_MS);
    });
    try {
      await Promise.race([fn({ page }), limit]).finally(() => clearTimeout(timer));
      passed++;
      log('ok  ', name);
      await page.screenshot({ path: `${base}.png` });
    } catch (e) {
      failed++;
      log('FAIL', name, '\n     ', String(e).split('\n').slice(0, 3).join('\n      '));
      await page.screenshot({ path: `${base}-failed.png` }).catch(() => {});
    }
    await page.keyboard.press('Escape').catch(() => {}); // close what the check left open
  }
  return { passed, failed };
}

fs.rmSync(shotDir, { recursive: true, force: true });
fs.mkdirSync(shotDir, { recursive: true });
const consoleLog = fs.createWriteStream(path.join(outDir, 'ui-e2e-console.log'));
const ws = copyWorkspace(fixture);
const server = await startCodeServer({ log });
let browser;
let result = { passed: 0, failed: checks.length };
try {
  browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(30_000);
  page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${String(e)}\n`));
  await page.goto(server.url(ws.folder, [['extensionDevelopmentPath', extDev]]));
  result = await runChecks(page);
} catch (e) {
  log('driver error:', e);
} finally {
  await browser?.close();
  await new Promise((r) => consoleLog.end(r));
}
const ok = result.failed === 0;
await server.stop({ keep: !ok });
if (ok && !process.env.KEEP_VSCODE_E2E_TMP) {
  fs.rmSync(ws.tmp, { recursive: true, force: true });
}
log(`screenshots in ${path.relative(process.cwd(), shotDir) || '.'}`);
console.log(`${result.passed} passed, ${result.failed} failed`);
process.exit(ok ? 0 : 1);
