// The universality page case of the webview smoke test (driven by training-smoke.mjs, which serves
// the page under the extension's CSP with test/webview-smoke/universality-stub.js as VS Code).
// Each of the four views must render its Plotly figures: the layers heatmap with values and
// significance marks in the cells and the null band in the hover, the checkpoint slider, an
// estimator switch that asks the host again, a clicked cell drawing its two layers' points side by
// side; the runs heatmap with the skipped run listed; both stitching matrices with the selected
// cell's scores against its controls; the starvation curves on a log width axis. Views load on
// demand and once, Refresh and the host's `universality/show` work, exports produce real files,
// and a worker error is shown verbatim.
import path from 'node:path';
import { closingChecks, exportFileChecks, openCase } from './caseChecks.mjs';
import { choose, count, requests, showFromHost, svgText, text, waitFor } from './pageQueries.mjs';

/** The centre of a heatmap cell (row 0 at the top) of the subplot `xy` or `x2y2`. */
async function cellPoint(page, plot, [row, column], [rows, columns], subplot = 'xy') {
  const box = await page.locator(`#${plot} .draglayer .${subplot} .nsewdrag`).first().boundingBox();
  return {
    x: box.x + ((column + 0.5) / columns) * box.width,
    y: box.y + ((row + 0.5) / rows) * box.height,
  };
}

/** Clicks a heatmap cell: Plotly reports the point hovered last, so hover it first. */
async function clickCell(page, plot, cell, size, subplot) {
  const { x, y } = await cellPoint(page, plot, cell, size, subplot);
  await page.mouse.move(x, y);
  await page.waitForTimeout(200);
  await page.mouse.click(x, y);
}

async function heatmapChecks(page, check) {
  await page.waitForSelector('#layersHeatmap .heatmaplayer .hm', { timeout: 30_000 });
  const notes = await page.locator('#layersHeatmap .annotation-text').allTextContents();
  check('the layers heatmap writes a value into each of its 4 × 4 cells', notes.length === 16);
  check(
    'significant cells carry a star, the others "n.s."',
    notes.some((t) => /^0\.\d\d\*+$/.test(t)) && notes.some((t) => /n\.s\./.test(t)),
    notes.slice(0, 5).join(' | '),
  );
  const { x, y } = await cellPoint(page, 'layersHeatmap', [0, 3], [4, 4]);
  await page.mouse.move(x, y);
  await page.waitForSelector('#layersHeatmap .hoverlayer .hovertext', { timeout: 5000 });
  const hover = await svgText(page, '#layersHeatmap .hoverlayer .hovertext');
  check(
    'the hover of a cell gives its p-value and null band',
    /embedding ↔ output/.test(hover) && /p = 0\.31/.test(hover) && /2\.5–97\.5 %/.test(hover),
    hover.replace(/\n/g, ' / '),
  );
  check(
    'each layer against its final state is drawn (4 lines)',
    (await count(page, '#layersAcross .scatterlayer .trace')) === 4,
  );
}

async function layersControlChecks(page, check) {
  await page.evaluate(() => {
    const slider = document.getElementById('layers-step');
    slider.value = '0';
    slider.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await waitFor(page, () =>
    /step 500/.test(document.querySelector('#layersHeatmap .gtitle')?.textContent),
  );
  check(
    'the checkpoint slider shows the first checkpoint',
    /at step 500/.test(await svgText(page, '#layersHeatmap .gtitle')) &&
      (await text(page, '#layers-step-value')) === 'step 500',
  );
  const before = (await requests(page, 'ckaLayers')).length;
  await choose(page, 'layers-estimator', 1);
  await waitFor(page, () =>
    /RBF CKA/.test(document.querySelector('#layersHeatmap .gtitle')?.textContent),
  );
  const asked = await requests(page, 'ckaLayers');
  check(
    'switching the estimator asks the host again and redraws',
    asked.length === before + 1 &&
      asked.at(-1).estimator === 'rbf' &&
      asked.at(-1).permutations === 50 &&
      /RBF CKA/.test(await svgText(page, '#layersHeatmap .gtitle')),
    JSON.stringify(asked.at(-1)),
  );
  await clickCell(page, 'layersHeatmap', [0, 2], [4, 4]);
  await page
    .waitForSelector('#layersPoints-section:not([hidden]) .scatterlayer .trace', {
      timeout: 10_000,
    })
    .catch(() => undefined);
  check(
    "clicking a cell draws its two layers' points side by side, coloured by relation",
    (await count(page, '#layersPoints .subplot.xy .scatterlayer .trace')) === 3 &&
      (await count(page, '#layersPoints .subplot.x2y2 .scatterlayer .trace')) === 3 &&
      /embedding and hidden\.1/.test(await svgText(page, '#layersPoints .gtitle')),
  );
  check(
    'the summary names the selected pair with its CKA and p',
    /Selected: embedding ↔ hidden\.1: CKA 0\.\d\d, p = 0\.004/.test(await text(page, '#summary')),
    await text(page, '#summary'),
  );
}

async function runsChecks(page, check) {
  await page.click('vscode-tab-header[data-view="runs"]');
  await page.waitForSelector('#runsHeatmap .heatmaplayer .hm', { timeout: 10_000 });
  check(
    'the runs view draws a 4 × 4 runs heatmap with values in the cells',
    (await count(page, '#runsHeatmap .annotation-text')) === 16 &&
      /width 64/.test(await svgText(page, '#runsHeatmap .xaxislayer-above')),
  );
  check('the skipped run is listed', /r5: unfinished \(running/.test(await text(page, '#banner')));
  await choose(page, 'runs-layer', 1);
  await waitFor(page, () =>
    /hidden\.0/.test(document.querySelector('#runsHeatmap .gtitle')?.textContent),
  );
  const asked = await requests(page, 'ckaRuns');
  check(
    'choosing a layer asks for the runs at that layer',
    asked.length === 2 && asked[0].layer === undefined && asked[1].layer === 'hidden.0',
    JSON.stringify(asked),
  );
}

async function stitchingChecks(page, check) {
  await page.click('vscode-tab-header[data-view="stitching"]');
  await page.waitForSelector('#stitchingMatrix .heatmaplayer .hm', { timeout: 10_000 });
  const asked = await requests(page, 'stitching');
  check(
    'the stitching view stitches the first two runs, both directions drawn',
    asked.length === 1 &&
      asked[0].from.endsWith('/r1') &&
      asked[0].to.endsWith('/r2') &&
      (await count(page, '#stitchingMatrix .heatmaplayer .hm')) === 2,
  );
  check(
    "the table lists the first cell's bridges and controls",
    (await count(page, '#stitching-body tr')) === 5 &&
      /forward: embedding → embedding/.test(await text(page, '#stitching-caption')),
  );
  await clickCell(page, 'stitchingMatrix', [3, 0], [4, 4], 'x2y2');
  await waitFor(page, () =>
    /backward/.test(document.getElementById('stitching-caption').textContent),
  );
  check(
    'clicking a backward cell lists it, marking a task score below its best control',
    /backward: output → embedding/.test(await text(page, '#stitching-caption')) &&
      (await count(page, '#stitching-body td.bad')) >= 1,
    await text(page, '#stitching-caption'),
  );
  check(
    'the summary gives ε, the bridge steps and the symmetric score',
    /ε = 0 \(affine\), 300 bridge steps, chance 50\.0%; symmetric score at the embedding 0\.97/.test(
      await text(page, '#summary'),
    ),
  );
}

async function starvationChecks(page, check) {
  await page.click('vscode-tab-header[data-view="starvation"]');
  await page.waitForSelector('#starvationAccuracy .scatterlayer .trace', { timeout: 10_000 });
  check(
    'accuracy against width: at the budget and at convergence for each of 2 depths, with sd bars',
    (await count(page, '#starvationAccuracy .scatterlayer .trace')) === 4 &&
      (await count(page, '#starvationAccuracy .errorbar')) > 0,
  );
  check(
    'the width axis is logarithmic with the sweep widths as ticks',
    (await page.locator('#starvationAccuracy .xtick').allTextContents()).join(' ') ===
      '8 16 32 64 128',
  );
  check(
    'cross-seed CKA (linear, debiased) and stitching, and steps to 100 %, are drawn',
    (await count(page, '#starvationUniversality .scatterlayer .trace')) === 6 &&
      (await count(page, '#starvationSteps .scatterlayer .trace')) === 2,
  );
  check(
    'the summary names the best width',
    /Best width: 64 \(depth 2/.test(await text(page, '#summary')),
    await text(page, '#summary'),
  );
  await choose(page, 'starvation-embed', 1);
  await waitFor(page, () =>
    /embedding 16/.test(document.querySelector('#starvationAccuracy .gtitle')?.textContent),
  );
  check(
    'choosing the embedding size redraws without asking again',
    /embedding 16/.test(await svgText(page, '#starvationAccuracy .gtitle')) &&
      (await requests(page, 'starvation')).length === 1,
  );
}

async function exportChecks(page, check, outDir) {
  const lines = await exportFileChecks(page, check, outDir, 'the starvation curves');
  check(
    'figure/render csv lists the 10 cells of the chosen embedding size',
    lines[0].startsWith('width,depth,embed_dim,train_fraction,') && lines.length === 10 + 2,
    `${lines.length} lines`,
  );
}

async function navigationChecks(page, check) {
  const layers = (await requests(page, 'ckaLayers')).length;
  await page.click('vscode-tab-header[data-view="layers"]');
  await page.waitForSelector('#view-layers:not([hidden]) #layersHeatmap .hm', { timeout: 5000 });
  check(
    'going back to a loaded view asks nothing again',
    (await requests(page, 'ckaLayers')).length === layers,
  );
  await page.click('#refresh');
  await waitFor(
    page,
    (n) => window.smoke.requests.filter((r) => r.method === 'ckaLayers').length > n,
    layers,
  );
  check(
    'Refresh asks again for the view shown',
    (await requests(page, 'ckaLayers')).length === layers + 1,
  );
  const saved = await showFromHost(page, 'universality/show', 'stitching');
  check(
    "the host's universality/show switches the view, and the view is saved",
    (await page.locator('#view-stitching').isVisible()) &&
      saved?.view === 'stitching' &&
      saved?.key === '/runs/family/sweep-20260101T000000Z',
  );
}

/** Runs the universality checks on `url`; `check(name, ok, detail)` records each result. */
export async function universalityCase(browser, url, check, outDir) {
  const errors = [];
  const page = await openCase(browser, url, { width: 1200, height: 1000 }, errors);
  await heatmapChecks(page, check);
  await layersControlChecks(page, check);
  await page.screenshot({ path: path.join(outDir, 'universality-layers.png'), fullPage: true });
  await runsChecks(page, check);
  await page.screenshot({ path: path.join(outDir, 'universality-runs.png'), fullPage: true });
  await stitchingChecks(page, check);
  await page.screenshot({ path: path.join(outDir, 'universality-stitching.png'), fullPage: true });
  await starvationChecks(page, check);
  await page.screenshot({ path: path.join(outDir, 'universality-starvation.png'), fullPage: true });
  await exportChecks(page, check, outDir);
  await navigationChecks(page, check);
  await closingChecks(browser, page, url, check, errors, 'universality');
}
