// The completeness page case of the webview smoke test (driven by training-smoke.mjs, which
// serves the page under the extension's CSP with test/webview-smoke/completeness-stub.js as VS
// Code): the histogram, survival scatter, dimension and perturbation figures must render as
// Plotly SVG, the partial-results banner must list the skipped run, selecting a run from the
// keyboard must show its details, exports must produce real files, and a worker error must be
// shown verbatim.
import path from 'node:path';
import { closingChecks, csvLines, openCase, pngCheck, renderFiles } from './caseChecks.mjs';
import { count } from './pageQueries.mjs';

async function figureChecks(page, check) {
  await page.waitForSelector('#histogram .main-svg .barlayer .trace', { timeout: 30_000 });
  check(
    'the pooled histogram draws other and chosen candidates',
    (await count(page, '#histogram .barlayer .trace')) === 2,
  );
  await page.waitForSelector('#survival .scatterlayer .trace', { timeout: 10_000 });
  check(
    'the survival scatter draws two seed groups and the fit line',
    (await count(page, '#survival .scatterlayer .trace')) === 3,
  );
  check(
    'the survival title states r, p and n',
    /r = 0\.71, p = 2\.0e-5, n = 56/.test(
      (await page.locator('#survival .gtitle').textContent()) ?? '',
    ),
  );
  check(
    'the dimension curves and the perturbation curve render',
    (await count(page, '#dimension .scatterlayer .trace')) === 6 &&
      (await count(page, '#perturbation .scatterlayer .trace')) === 3,
  );
  const banner = await page.locator('#banner').innerText();
  check(
    'the banner lists the skipped run and its reason',
    /Partial results/.test(banner) && /smk4: unfinished \(running/.test(banner),
  );
  check(
    'run details stay hidden while runs are pooled',
    await page.locator('#details-section').isHidden(),
  );
}

async function keyboardRunCheck(page, check) {
  await page.locator('#runs-body button', { hasText: 'smk2' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('#details .barlayer .trace', { timeout: 10_000 });
  check(
    'choosing a run with the keyboard shows its S_k bars and marks its chosen frequency',
    (await count(page, '#details .barlayer .trace')) === 2 &&
      (await count(page, '#histogram .scatterlayer .trace')) === 1 &&
      (await page.locator('#histogram .shapelayer path').count()) >= 1,
  );
}

async function exportChecks(page, check, outDir) {
  const [png, csv] = await renderFiles(page, ['png', 'csv']);
  pngCheck(check, outDir, png, 'the histogram');
  const lines = csvLines(csv);
  check(
    "figure/render csv lists the selected run's candidates",
    lines[0] === 'run,candidate,label,initial,z,score,chosen' && lines.length === 28 + 2,
    `${lines.length} lines`,
  );
}

/** Runs the completeness checks on `url`; `check(name, ok, detail)` records each result. */
export async function completenessCase(browser, url, check, outDir) {
  const errors = [];
  const page = await openCase(browser, url, { width: 1100, height: 900 }, errors);
  await figureChecks(page, check);
  await page.screenshot({ path: path.join(outDir, 'completeness.png'), fullPage: true });
  await keyboardRunCheck(page, check);
  await exportChecks(page, check, outDir);
  await page.screenshot({ path: path.join(outDir, 'completeness-run.png'), fullPage: true });
  await closingChecks(browser, page, url, check, errors, 'completeness');
}
