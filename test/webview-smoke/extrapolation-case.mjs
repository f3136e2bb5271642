// The rule-extrapolation page case of the webview smoke test (driven by training-smoke.mjs, which
// serves the page under the extension's CSP with test/webview-smoke/extrapolation-stub.js as VS
// Code): the curves (loss over accuracies) and the best-checkpoint bars must render as Plotly
// SVG, the samples table must list the selected run's completions with violations marked in
// text, the partial-results banner must list the skipped run, the run must be selectable from
// the keyboard, exports must produce real files, and a worker error must be shown verbatim.
import path from 'node:path';
import { closingChecks, exportFileChecks, openCase } from './caseChecks.mjs';
import { choose, count } from './pageQueries.mjs';

async function figureChecks(page, check) {
  await page.waitForSelector('#curves .main-svg .scatterlayer .trace', { timeout: 30_000 });
  check(
    'the curves draw 3 runs × (4 metrics + 2 best markers) and the chance line',
    (await count(page, '#curves .scatterlayer .trace')) === 19,
    `${await count(page, '#curves .scatterlayer .trace')} traces`,
  );
  check(
    'the curves have a log loss axis above the accuracy axis',
    (await count(page, '#curves .yaxislayer-above .y2tick')) > 0 &&
      (await count(page, '#curves .yaxislayer-above .ytick')) > 0,
  );
  await page.waitForSelector('#bars .barlayer .trace', { timeout: 10_000 });
  check(
    'the bars draw validation loss beside OOD rule-1 accuracy, one bar per run each',
    (await count(page, '#bars .barlayer .trace')) === 2 &&
      (await count(page, '#bars .barlayer .point')) === 6 &&
      (await page.locator('#bars .main-svg').first().boundingBox()).height > 300,
  );
  const banner = await page.locator('#banner').innerText();
  check(
    'the banner lists the skipped run and its reason',
    /Partial results/.test(banner) && /ext4: unfinished \(running/.test(banner),
  );
}

async function sampleChecks(page, check) {
  check('the samples table lists 4 completions', (await count(page, '#samples-body tr')) === 4);
  check(
    'violations are marked in text as well as colour',
    (await count(page, '#samples-body tr.violation')) === 3 &&
      (await page.locator('#samples-body td.bad').first().innerText()).includes('✗'),
  );
  await choose(page, 'run', 1);
  await page
    .waitForFunction(
      () => /ext2/.test(document.getElementById('samples-caption').textContent),
      null,
      {
        timeout: 5000,
      },
    )
    .catch(() => undefined);
  check(
    'choosing the run with the keyboard lists its samples',
    /ext2 at step 3500/.test(await page.locator('#samples-caption').innerText()),
    await page.locator('#samples-caption').innerText(),
  );
}

async function exportChecks(page, check, outDir) {
  const lines = await exportFileChecks(page, check, outDir, 'the curves');
  check(
    'figure/render csv lists every checkpoint of every run',
    lines[0].startsWith('run,run_id,training,seed,step,') && lines.length === 30 + 2,
    `${lines.length} lines`,
  );
}

/** Runs the rule-extrapolation checks on `url`; `check(name, ok, detail)` records each result. */
export async function extrapolationCase(browser, url, check, outDir) {
  const errors = [];
  const page = await openCase(browser, url, { width: 1100, height: 900 }, errors);
  await figureChecks(page, check);
  await page.screenshot({ path: path.join(outDir, 'extrapolation.png'), fullPage: true });
  await sampleChecks(page, check);
  await exportChecks(page, check, outDir);
  await closingChecks(browser, page, url, check, errors, 'extrapolation');
}
