// The POLCA page case of the webview smoke test (driven by training-smoke.mjs, which serves the
// page under the extension's CSP with test/webview-smoke/polca-stub.js as VS Code). The first
// POLCA request shows the worker's progress and is cancelled from the page; Refresh computes it
// again. The clusters view must draw each cluster's mean with its ±sd band and breakthrough mark,
// switch method and group without asking the host again, list a clicked cluster's members with
// their carry labels, and compare the methods' ARIs and NMI in bars; the spectrum view draws one
// line per rank from POLCA's basis or the standalone Hessian. Exports produce real files, the
// host's `polca/show` switches the view, and a worker error is shown verbatim.
import path from 'node:path';
import { closingChecks, exportFileChecks, openCase } from './caseChecks.mjs';
import { choose, count, requests, showFromHost, svgText, text, waitFor } from './pageQueries.mjs';

async function progressChecks(page, check) {
  await waitFor(page, () =>
    /allocation 12\/19 intervals/.test(document.getElementById('progress-text')?.textContent),
  );
  const meter = await page.evaluate(() => {
    const m = document.getElementById('progress-meter');
    return [m.value, m.max];
  });
  check(
    'the worker’s progress shows while POLCA computes',
    (await text(page, '#progress-text')) === 'POLCA: allocation 12/19 intervals' &&
      meter[0] === 12 &&
      meter[1] === 19,
    `${await text(page, '#progress-text')} (${meter.join('/')})`,
  );
  await page.click('#cancel');
  await waitFor(page, () => window.smoke.requests.some((r) => r.method === 'cancel'));
  await waitFor(page, () => document.getElementById('status').textContent === 'cancelled');
  check(
    'Cancel asks the host to kill the POLCA job; the page says cancelled, not failed',
    JSON.stringify(await requests(page, 'cancel')) === '[{"method":"cancel","job":"polca"}]' &&
      (await text(page, '#status')) === 'cancelled' &&
      (await page.locator('#progress').isHidden()) &&
      (await page.locator('#error').isHidden()),
  );
  await page.waitForTimeout(200);
  check(
    'a cancelled request is not asked again by itself',
    (await requests(page, 'load')).length === 1,
  );
  await page.click('#refresh');
  await page.waitForSelector('#clusterCurves .scatterlayer .trace', { timeout: 10_000 });
}

async function curveChecks(page, check) {
  check(
    'each of the 3 clusters has a ±sd band and a mean curve',
    (await count(page, '#clusterCurves .scatterlayer .trace .js-fill')) === 3 &&
      (await count(page, '#clusterCurves .legend .traces')) === 3,
  );
  check(
    'breakthroughs are marked on the curves and by vertical lines',
    (await count(page, '#clusterCurves .scatterlayer .points path')) === 2 &&
      (await count(page, '#clusterCurves .shapelayer path')) === 2,
  );
  const legend = await svgText(page, '#clusterCurves .legend');
  check(
    'the legend gives each cluster’s size and carry fraction',
    /cluster 1 · 26 tokens · 85% carryIn/.test(legend),
    legend,
  );
  check(
    'the group POLCA separates best is shown first, with its outliers',
    /POLCA · output token "0": 60 tokens, ARI 0\.71, NMI 0\.57, outliers 8%/.test(
      await svgText(page, '#clusterCurves .gtitle'),
    ),
    await svgText(page, '#clusterCurves .gtitle'),
  );
  check(
    'the summary compares POLCA with the baseline and controls, with the residual',
    (await text(page, '#summary')).includes(
      'POLCA ARI 0.62 vs loss baseline 0.31 (random basis 0.12, single checkpoint 0.20) against carryIn; dominant vector 0.30 vs 0.31; residual 0.41',
    ),
    await text(page, '#summary'),
  );
}

async function vectorChecks(page, check) {
  const loads = (await requests(page, 'load')).length;
  const along = (n) =>
    waitFor(
      page,
      (v) =>
        new RegExp(`basis vector ${v}$`).test(
          document.querySelector('#clusterCurves .ytitle')?.textContent ?? '',
        ),
      n,
    );
  await choose(page, 'clusters-vector', 1);
  await along(6);
  check(
    'the dominant vector shows the group along it, with its own clusters and ARI, without asking the host',
    /POLCA · output token "0": 60 tokens, ARI 0\.3[56]/.test(
      await svgText(page, '#clusterCurves .gtitle'),
    ) &&
      (await count(page, '#clusterCurves .legend .traces')) === 2 &&
      (await requests(page, 'load')).length === loads,
    await svgText(page, '#clusterCurves .gtitle'),
  );
  await page.locator('#clusters-vector').focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await along(3);
}

async function switchChecks(page, check) {
  const loads = (await requests(page, 'load')).length;
  await choose(page, 'clusters-method', 1);
  await waitFor(page, () =>
    /loss baseline/.test(document.querySelector('#clusterCurves .gtitle')?.textContent),
  );
  check(
    'switching the method redraws the clusters (the loss) without asking the host',
    /loss baseline · output token "0"/.test(await svgText(page, '#clusterCurves .gtitle')) &&
      /per-token loss/.test(await svgText(page, '#clusterCurves .ytitle')) &&
      (await requests(page, 'load')).length === loads,
  );
  await choose(page, 'clusters-group', 1);
  await waitFor(page, () =>
    /token "7"/.test(document.querySelector('#clusterCurves .gtitle')?.textContent),
  );
  check(
    'switching the output token redraws without asking the host',
    /output token "7"/.test(await svgText(page, '#clusterCurves .gtitle')) &&
      (await requests(page, 'load')).length === loads,
    await svgText(page, '#clusterCurves .gtitle'),
  );
}

async function memberChecks(page, check) {
  const traces = await count(page, '#clusterCurves .scatterlayer .trace');
  await page.locator('#clusterCurves .legend .traces').nth(1).click();
  await page
    .waitForSelector('#members-section:not([hidden]) #members-body tr', { timeout: 10_000 })
    .catch(() => undefined);
  const head = await page.locator('#members-head th').allTextContents();
  const marks = await page.locator('#members-body td.label').allTextContents();
  check(
    'clicking a cluster in the legend lists its members with their carry labels',
    (await count(page, '#members-body tr')) === 12 &&
      head.join('|') === 'Sequence|Target|carryIn|cascadingCarry|leadingOne' &&
      marks.includes('✓') &&
      /Cluster 2: 20 tokens/.test(await text(page, '#members-caption')),
    head.join('|'),
  );
  const row = await page.locator('#members-body tr').first().locator('td.sequence').innerText();
  const mark = await page.locator('#members-body tr').first().locator('mark').innerText();
  check(
    'each sequence highlights its analysed token',
    /^\d{3}\+\d{3}=\d{4}$/.test(row) && mark.length === 1 && row[9] === mark,
    `${row} [${mark}]`,
  );
  check(
    'the legend click selects instead of hiding the cluster',
    (await count(page, '#clusterCurves .scatterlayer .trace')) === traces &&
      (await page
        .locator('#clusterCurves .legend .traces')
        .nth(1)
        .evaluate((el) => el.style.opacity)) !== '0.5',
  );
}

async function scoreChecks(page, check) {
  const ticks = await page.locator('#methodScores .ytick').allTextContents();
  const labels = await page.locator('#methodScores .bartext').allTextContents();
  check(
    'ARI (best-agreeing and dominant vector) and NMI bars for POLCA, the loss baseline, the random basis and the single checkpoint',
    (await count(page, '#methodScores .barlayer .trace')) === 3 &&
      [...ticks].sort().join('|') === 'POLCA|loss baseline|random basis|single checkpoint',
    ticks.join('|'),
  );
  check(
    'each bar is labelled with its value, "–" for a missing one',
    labels.includes('0.62') &&
      labels.includes('0.31') &&
      labels.includes('0.05') &&
      labels.includes('–'),
    labels.join(' '),
  );
}

async function spectrumChecks(page, check) {
  await page.click('vscode-tab-header[data-view="spectrum"]');
  await page.waitForSelector('#spectrum .scatterlayer .trace', { timeout: 10_000 });
  check(
    "the spectrum view draws POLCA's basis spectrum, one line per rank, without a request",
    (await count(page, '#spectrum .scatterlayer .trace')) === 4 &&
      /POLCA basis/.test(await svgText(page, '#spectrum .gtitle')) &&
      (await requests(page, 'hessian')).length === 0,
  );
  await page.evaluate(() => {
    const el = document.getElementById('spectrum-source');
    el.value = 'hessian';
    el.dispatchEvent(new Event('change'));
  });
  await waitFor(page, () =>
    /Top 5 Hessian/.test(document.querySelector('#spectrum .gtitle')?.textContent),
  );
  check(
    'the standalone Hessian is asked for once and drawn, 5 ranks',
    (await requests(page, 'hessian')).length === 1 &&
      (await count(page, '#spectrum .scatterlayer .trace')) === 5 &&
      /Top 5 Hessian eigenvalues/.test(await svgText(page, '#spectrum .gtitle')),
  );
  check(
    'the spectrum summary names the largest eigenvalue over the checkpoints',
    /largest eigenvalue 20 at step 0, 60 at step 8000 \(5 checkpoints\)/.test(
      await text(page, '#summary'),
    ),
    await text(page, '#summary'),
  );
}

async function exportChecks(page, check, outDir) {
  const lines = await exportFileChecks(page, check, outDir, 'the spectrum');
  check(
    'figure/render csv lists 5 ranks at 5 checkpoints',
    lines[0] === 'source,step,rank,eigenvalue,residual,hvps,added' && lines.length === 25 + 2,
    `${lines.length} lines`,
  );
}

async function navigationChecks(page, check) {
  const saved = await showFromHost(page, 'polca/show', 'clusters');
  check(
    "the host's polca/show switches the view, and the choices are saved",
    (await page.locator('#view-clusters').isVisible()) &&
      saved?.view === 'clusters' &&
      saved?.key === '/runs/addition/20260101T000000Z-ab12' &&
      saved?.clusters?.method === 'lossBaseline' &&
      saved?.spectrum?.source === 'hessian',
  );
  await page.evaluate(() => {
    const el = document.getElementById('export-figure');
    el.value = 'members';
    el.dispatchEvent(new Event('change'));
  });
  await page.click('#export');
  await page.waitForFunction(() => window.smoke.exports.length > 0, null, { timeout: 10_000 });
  const exported = await page.evaluate(() => window.smoke.exports[0]);
  check(
    'the Export button sends the member table as CSV',
    exported.format === 'csv' && exported.data.startsWith('cluster,text,position,target,carryIn'),
    exported.fileName,
  );
}

/** Runs the POLCA checks on `url`; `check(name, ok, detail)` records each result. */
export async function polcaCase(browser, url, check, outDir) {
  const errors = [];
  const page = await openCase(browser, url, { width: 1200, height: 1000 }, errors);
  await progressChecks(page, check);
  await curveChecks(page, check);
  await vectorChecks(page, check);
  await switchChecks(page, check);
  await memberChecks(page, check);
  await scoreChecks(page, check);
  await page.screenshot({ path: path.join(outDir, 'polca-clusters.png'), fullPage: true });
  await spectrumChecks(page, check);
  await page.screenshot({ path: path.join(outDir, 'polca-spectrum.png'), fullPage: true });
  await exportChecks(page, check, outDir);
  await navigationChecks(page, check);
  await closingChecks(browser, page, url, check, errors, 'polca');
}
