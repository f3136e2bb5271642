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
import { externalChecks, writeExternalFixture } from './externalChecks.mjs';
import { polcaChecks } from './polcaChecks.mjs';
import { universalityChecks } from './universalityChecks.mjs';
import {
  quickOpen,
  sweepDone,
  paletteRows,
  runCommand,
  editorOf,
  lensOf,
  webviewTabs,
  webviewFrame,
  plotPoints,
  showRunsView,
  stopLeftoverRun,
  treeRow,
} from './workbench.mjs';

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
  // The command needs a trusted workspace, and the palette leaves out disabled commands: just
  // after start-up the trust context can still be unset, so wait for the Run lens (trusted).
  await lensOf(page, 'tiny.replens.json', /^\s*Run$/).waitFor({ timeout: 60_000 });
  const rows = await paletteRows(page, 'Replens: Run Experiment');
  await rows.first().waitFor();
});

// The user flow: run a long config, watch its curves grow, stop it; train a tiny config to the
// end, open one of its checkpoints from the Runs tree, then its embedding over training.
// live.replens.json trains 100000 steps (many minutes), so it is still running while watched.

check('live.replens.json shows a Run lens and the preview line', async ({ page }) => {
  await quickOpen(page, 'live.replens.json');
  await lensOf(page, 'live.replens.json', /^\s*Run$/).waitFor();
  // p = 59, trainFraction 0.5: 3481 examples, 1741 train / 1740 test.
  const preview = lensOf(page, 'live.replens.json', /examples · train\/test/, { command: false });
  await preview.waitFor();
  const text = (await preview.textContent()) ?? '';
  const want = /^3,481 examples · train\/test 1,741\/1,740 · [\d,]+ parameters · .+ on \w+$/;
  if (!want.test(text.trim())) {
    throw new Error(`unexpected preview lens: ${text}`);
  }
});

check('clicking Run trains: a Stop lens with the step and a status bar item', async ({ page }) => {
  await lensOf(page, 'live.replens.json', /^\s*Run$/).click();
  await lensOf(page, 'live.replens.json', /Stop · step \d+\/100000/).waitFor({ timeout: 60_000 });
  await page.locator('.statusbar-item', { hasText: /Replens: step \d+\/100000/ }).waitFor();
  // The Runs tree (shown since an earlier check) reveals the running run.
  await treeRow(page, /running · step \d+\/100000/).waitFor();
});

check('the training panel opens beside the config and its curves grow', async ({ page }) => {
  const t0 = Date.now();
  const since = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
  const times = [];
  // Run does not open the panel by itself; the status bar item of the active run opens it.
  await page.locator('.statusbar-item', { hasText: /Replens: step/ }).click();
  const tab = webviewTabs(page, 'replens.training');
  await tab.waitFor();
  times.push(`tab ${since()}`);
  if (!/^Training: live · /.test((await tab.getAttribute('aria-label')) ?? '')) {
    throw new Error(`unexpected tab: ${await tab.getAttribute('aria-label')}`);
  }
  const group = page.locator('.editor-group-container', { has: tab });
  const configGroup = page.locator('.editor-group-container', {
    has: page.locator('.tab[data-resource-name="live.replens.json"]'),
  });
  await configGroup.waitFor();
  if ((await page.locator('.editor-group-container').count()) < 2) {
    throw new Error('the training panel did not open in a group beside the config');
  }
  if ((await group.boundingBox()).x <= (await configGroup.boundingBox()).x) {
    throw new Error('the training panel is not to the right of the config');
  }
  // The first webview of a session may take its time while a run trains (seen: up to a minute
  // in code-server under headless chromium, waiting for the webview's service worker).
  const frame = await webviewFrame(page, '#log-loss', 120_000);
  times.push(`page ${since()}`);
  await frame.locator('#status', { hasText: 'running' }).waitFor();
  await frame.locator('#stop').waitFor(); // visible while the run can be stopped
  await frame.locator('#plot.js-plotly-plot .scatterlayer .trace path.js-line').first().waitFor();
  times.push(`plot ${since()}`);
  const traces = await frame.locator('#plot .scatterlayer .trace').count();
  if (traces < 4) {
    throw new Error(`${traces} traces drawn, want train/test loss and accuracy`);
  }
  const before = await plotPoints(frame, '#plot');
  const stepBefore = await frame.locator('#step').textContent();
  // Each record adds a point to all four traces: wait for at least three more records.
  await frame.waitForFunction(
    (n) => document.querySelector('#plot').data.reduce((m, t) => m + t.x.length, 0) >= n,
    before + 12,
    { timeout: 60_000 },
  );
  const after = await plotPoints(frame, '#plot');
  const stepAfter = await frame.locator('#step').textContent();
  times.push(`growth ${since()}`);
  log(`     ${times.join(', ')}; points ${before} → ${after}; "${stepBefore}" → "${stepAfter}"`);
  if (stepAfter === stepBefore) {
    throw new Error(`the step text did not move: ${stepAfter}`);
  }
});

check('the panel Stop button cancels the run; badge and lens say so', async ({ page }) => {
  const frame = await webviewFrame(page, '#log-loss');
  await frame.locator('#stop').click();
  await frame.locator('#status', { hasText: 'cancelled' }).waitFor({ timeout: 60_000 });
  await frame.locator('#stop').waitFor({ state: 'hidden' });
  // In the DOM, though the line may run past the right edge of the narrowed config editor.
  const lens = lensOf(page, 'live.replens.json', /last run cancelled at step \d+\/100000/);
  await lens.waitFor({ timeout: 60_000 });
  await lensOf(page, 'live.replens.json', /^\s*Run$/).waitFor();
  await page.locator('.statusbar-item', { hasText: /Replens: step/ }).waitFor({ state: 'hidden' });
  // The curves stop growing.
  const points = await plotPoints(frame, '#plot');
  await page.waitForTimeout(1500);
  if ((await plotPoints(frame, '#plot')) !== points) {
    throw new Error('the curves still grow after the run was cancelled');
  }
});

check('Run on tiny.replens.json trains to the end; the lens shows its result', async ({ page }) => {
  if (await stopLeftoverRun(page)) {
    log('     stopped a run an earlier check left training');
  }
  await quickOpen(page, 'tiny.replens.json');
  await lensOf(page, 'tiny.replens.json', /^\s*Run$/).click();
  const result = lensOf(page, 'tiny.replens.json', /last run: test acc \d\.\d{3}/);
  await result.waitFor({ timeout: 120_000 });
  await treeRow(page, /done · test acc \d\.\d{3} · 30 steps/).waitFor();
});

check(
  'the Runs tree opens a checkpoint of the tiny run in the checkpoint editor',
  async ({ page }) => {
    await showRunsView(page);
    await treeRow(page, /^tiny/).first().waitFor(); // the experiment
    const run = treeRow(page, /done · test acc \d\.\d{3} · 30 steps/);
    if ((await run.getAttribute('aria-expanded')) !== 'true') {
      await run.locator('.monaco-tl-twistie').click();
    }
    const checkpoint = treeRow(page, 'step-000030.safetensors');
    await checkpoint.waitFor();
    await checkpoint.click();
    // A custom editor's tab is named after its file; the webview below shows it is not text.
    const tab = page.locator('.tabs-container .tab.active', { hasText: 'step-000030.safetensors' });
    await tab.waitFor();
    const frame = await webviewFrame(page, '#tensors');
    await frame.locator('#status', { hasText: 'step 30' }).waitFor({ timeout: 60_000 });
    await frame.locator('#tensors').waitFor();
    const name = frame.getByRole('button', { name: 'embedding.weight', exact: true });
    const row = frame.locator('#rows tr', { has: name });
    await row.waitFor();
    const shape = await row.locator('td').first().textContent();
    if (shape !== '[13, 16]') {
      throw new Error(`embedding.weight has shape ${shape}, want [13, 16]`);
    }
    await frame.locator('#histogram.js-plotly-plot .trace').first().waitFor();
  },
);

check('Show Embedding over Training draws the tiny run as a scatter', async ({ page }) => {
  await runCommand(page, 'Replens: Show Embedding over Training');
  // A quick pick of the known runs; the tiny run is the finished one.
  const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: /tiny.*done/ });
  await pick.first().waitFor();
  await pick.first().click();
  await webviewTabs(page, 'replens.embedding').waitFor();
  const frame = await webviewFrame(page, '#slider');
  await frame.locator('#plot.js-plotly-plot .scatterlayer .trace .point').first().waitFor({
    timeout: 90_000,
  });
  const points = await frame.locator('#plot .scatterlayer .trace .point').count();
  if (points < 13) {
    throw new Error(`${points} points drawn, want one per token (13)`);
  }
  const max = await frame.locator('#slider').getAttribute('max');
  if (Number(max) < 3) {
    throw new Error(`the checkpoint slider has max ${max}, want the 4 checkpoints`);
  }
});

check(
  'survival.replens.json shows the step-0 completeness lens; it opens the histogram',
  async ({ page }) => {
    await runCommand(page, 'View: Close All Editors');
    await quickOpen(page, 'survival.replens.json');
    const lens = lensOf(page, 'survival.replens.json', 'step 0: k=');
    await lens.first().waitFor({ timeout: 60_000 });
    await lens.first().click();
    await webviewTabs(page, 'replens.completeness').first().waitFor();
    const frame = await webviewFrame(page, '#survival-section', 90_000);
    await frame.locator('#histogram.js-plotly-plot .trace').first().waitFor({ timeout: 60_000 });
    const status = await frame.locator('#source').textContent();
    if (!/survival\.replens\.json/.test(status ?? '')) {
      throw new Error(`the panel names "${status}", want the config`);
    }
  },
);

check(
  'Run Sweep from the palette, then the sweep’s survival scatter and histogram',
  async ({ page }) => {
    await runCommand(page, 'View: Close All Editors');
    await quickOpen(page, 'survival.replens.json');
    await runCommand(page, 'Replens: Run Sweep');
    // The end notification offers the completeness view of the sweep folder. Its toast may hide
    // again quickly, so once sweep.json says every run is done, look in the notification centre.
    await sweepDone(path.join(ws.folder, '.replens', 'runs', 'survival'), 150_000);
    const action = page.locator('.notification-list-item .monaco-button', {
      hasText: /^Show Completeness$/,
    });
    if (!(await action.first().isVisible())) {
      await runCommand(page, 'Notifications: Show Notifications');
    }
    await action.first().waitFor();
    await action.first().click();
    const tab = webviewTabs(page, 'replens.completeness').first();
    await tab.waitFor();
    const frame = await webviewFrame(page, '#survival-section', 90_000);
    await frame.locator('#survival.js-plotly-plot .scatterlayer .trace .point').first().waitFor({
      timeout: 90_000,
    });
    const title = await frame.locator('#survival .gtitle').textContent();
    if (!/r = /.test(title ?? '')) {
      throw new Error(`the survival scatter's title is "${title}", want r and p`);
    }
    await frame.locator('#histogram.js-plotly-plot .trace').first().waitFor();
  },
);

check(
  'normal, oracle and adversarial aⁿbⁿ side by side in the extrapolation panel',
  async ({ page }) => {
    await runCommand(page, 'View: Close All Editors');
    await quickOpen(page, 'anbn.replens.json');
    await runCommand(page, 'Replens: Run Sweep');
    await sweepDone(path.join(ws.folder, '.replens', 'runs', 'anbn'), 170_000);
    await runCommand(page, 'Replens: Show Rule Extrapolation');
    await webviewTabs(page, 'replens.extrapolation').first().waitFor();
    const frame = await webviewFrame(page, '#samples-body', 90_000);
    await frame.locator('#curves.js-plotly-plot .scatterlayer .trace').first().waitFor({
      timeout: 120_000,
    });
    await frame.locator('#bars.js-plotly-plot .barlayer .trace').first().waitFor();
    const summary = (await frame.locator('#summary').textContent()) ?? '';
    for (const variant of ['normal', 'oracle', 'adversarial']) {
      if (!summary.includes(variant)) {
        throw new Error(`the summary does not mention the ${variant} run: "${summary}"`);
      }
    }
    if ((await frame.locator('#samples-body tr').count()) === 0) {
      throw new Error('no sample completions');
    }
  },
);

universalityChecks(check, () => ws.folder);
polcaChecks(check, () => ws.folder);
externalChecks(check, () => shotDir);

// ---------------------------------------------------------------------------------- runner

async function runChecks(page) {
  let passed = 0;
  let failed = 0;
  // REPLENS_UI_GREP (a regex) runs only the matching checks, after the first (the workbench opens).
  const grep = process.env.REPLENS_UI_GREP ? new RegExp(process.env.REPLENS_UI_GREP) : undefined;
  for (const [i, { name, fn }] of checks.entries()) {
    if (grep !== undefined && i > 0 && !grep.test(name)) {
      continue;
    }
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
writeExternalFixture(ws.folder);
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
