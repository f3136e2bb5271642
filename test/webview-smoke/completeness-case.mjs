// The completeness page case of the webview smoke test (driven by training-smoke.mjs, which
// serves the page under the extension's CSP with test/webview-smoke/completeness-stub.js as VS
// Code): the histogram, survival scatter, dimension and perturbation figures must render as
// Plotly SVG, the partial-results banner must list the skipped run, selecting a run from the
// keyboard must show its details, exports must produce real files, and a worker error must be
// shown verbatim.
import fs from 'node:fs';
import path from 'node:path';
import { cspCheck, failureChecks } from './caseChecks.mjs';

async function traceCount(page, selector) {
  return page.locator(selector).count();
}

async function figureChecks(page, check) {
  await page.waitForSelector('#histogram .main-svg .barlayer .trace', { timeout: 30_000 });
  check(
    'the pooled histogram draws other and chosen candidates',
    (await traceCount(page, '#histogram .barlayer .trace')) === 2,
  );
  await page.waitForSelector('#survival .scatterlayer .trace', { timeout: 10_000 });
  check(
    'the survival scatter draws two seed groups and the fit line',
    (await traceCount(page, '#survival .scatterlayer .trace')) === 3,
  );
  check(
    'the survival title states r, p and n',
    /r = 0\.71, p = 2\.0e-5, n = 56/.test(
      (await page.locator('#survival .gtitle').textContent()) ?? '',
    ),
  );
  check(
    'the dimension curves and the perturbation curve render',
    (await traceCount(page, '#dimension .scatterlayer .trace')) === 6 &&
      (await traceCount(page, '#perturbation .scatterlayer .trace')) === 3,
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
    (await traceCount(page, '#details .barlayer .trace')) === 2 &&
      (await traceCount(page, '#histogram .scatterlayer .trace')) === 1 &&
      (await page.locator('#histogram .shapelayer path').count()) >= 1,
  );
}

async function exportChecks(page, check, outDir) {
  const ids = await page.evaluate(() => ['png', 'csv'].map((f) => window.smoke.render(f)));
  await page.waitForFunction((n) => n.every((id) => window.smoke.renders[id]), ids, {
    timeout: 30_000,
  });
  const [png, csv] = await page.evaluate((n) => n.map((id) => window.smoke.renders[id].r), ids);
  const pngBytes = png ? Buffer.from(png.data, 'base64') : Buffer.alloc(0);
  check(
    'figure/render png of the histogram is a PNG',
    pngBytes.subarray(1, 4).toString() === 'PNG',
  );
  if (pngBytes.length > 0) fs.writeFileSync(path.join(outDir, png.fileName), pngBytes);
  const lines = (csv?.data ?? '').split('\r\n');
  check(
    "figure/render csv lists the selected run's candidates",
    lines[0] === 'run,candidate,label,initial,z,score,chosen' && lines.length === 28 + 2,
    `${lines.length} lines`,
  );
}

/** Runs the completeness checks on `url`; `check(name, ok, detail)` records each result. */
export async function completenessCase(browser, url, check, outDir) {
  const errors = [];
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url);
  await figureChecks(page, check);
  await page.screenshot({ path: path.join(outDir, 'completeness.png'), fullPage: true });
  await keyboardRunCheck(page, check);
  await exportChecks(page, check, outDir);
  await page.screenshot({ path: path.join(outDir, 'completeness-run.png'), fullPage: true });
  await cspCheck(page, check, 'completeness');
  await failureChecks(browser, url, check, errors, 'completeness');
  check('completeness: no page errors', errors.length === 0, errors.slice(0, 5).join('; '));
}
