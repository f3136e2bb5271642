// The embedding page case of the webview smoke test (driven by training-smoke.mjs, which serves
// the page under the extension's CSP with test/webview-smoke/embedding-stub.js as VS Code): a
// fourier-mode trajectory must render as Plotly SVG with axis titles naming the circle plane, the
// frequency selector must request another k, the slider must change the checkpoint, the mode
// selector must switch to aligned PCA, and the CSV export must carry the circle coordinates.
import path from 'node:path';
import { cspCheck, openCase, pageErrorsCheck } from './caseChecks.mjs';
import { waitFor } from './pageQueries.mjs';

const axisTitle = (page) => page.locator('#plot .g-xtitle').textContent();

/** Picks `value` in a vscode-single-select and fires the change event the view listens to. */
async function choose(page, id, value) {
  await page.evaluate(
    ([sel, v]) => {
      const el = document.getElementById(sel);
      el.value = v;
      el.dispatchEvent(new Event('change'));
    },
    [id, value],
  );
}

async function fourierChecks(page, check) {
  await page.waitForSelector('#plot .scatterlayer .trace', { timeout: 30_000 });
  check('embedding: the fourier scatter renders', (await page.locator('#plot .trace').count()) > 0);
  check(
    'embedding: the x axis names the final circle plane',
    (await axisTitle(page)) === 'Re F_5 (final)',
  );
  const summary = await page.locator('#summary').innerText();
  check('embedding: the summary names the fourier mode', /Fourier mode/.test(summary));
  check(
    'embedding: points are coloured by their position on the circle',
    /Coloured by x·k mod p/.test(summary),
  );
  const options = await page.locator('#choice vscode-option').count();
  check('embedding: the frequency selector lists every k', options === 6, `${options}`);
  await choose(page, 'choice', '2');
  await waitFor(page, () =>
    /Re F_2/.test(document.querySelector('#plot .g-xtitle')?.textContent ?? ''),
  );
  check('embedding: the x axis follows the chosen k', (await axisTitle(page)) === 'Re F_2 (final)');
  const last = await page.evaluate(() => window.smoke.requests.at(-1));
  check(
    'embedding: choosing k = 2 requests that frequency',
    last?.projection?.kind === 'fourier' && last.projection.k === 2,
    JSON.stringify(last),
  );
}

async function sliderAndExportChecks(page, check) {
  await page.evaluate(() => {
    const slider = document.getElementById('slider');
    slider.value = '0';
    slider.dispatchEvent(new Event('input'));
  });
  const text = await page.locator('#slider-text').innerText();
  check('embedding: the slider shows the first checkpoint', text === 'step 0 (1 / 3)', text);
  const id = await page.evaluate(() => window.smoke.render('csv'));
  await page.waitForFunction((n) => window.smoke.renders[n], id, { timeout: 30_000 });
  const csv = await page.evaluate((n) => window.smoke.renders[n].r?.data ?? '', id);
  const lines = csv.split('\r\n');
  check(
    'embedding: the CSV export has the circle coordinates',
    lines[0] === 'token,x·k mod p,re_f2,im_f2' && lines.length >= 14,
    lines[0],
  );
}

/** Runs the embedding checks on `url`; `check(name, ok, detail)` records each result. */
export async function embeddingCase(browser, url, check, outDir) {
  const errors = [];
  const page = await openCase(browser, url, { width: 1100, height: 800 }, errors);
  await fourierChecks(page, check);
  await sliderAndExportChecks(page, check);
  await page.screenshot({ path: path.join(outDir, 'embedding-fourier.png') });
  await choose(page, 'mode', 'pca');
  await waitFor(page, () =>
    /aligned PC 1/.test(document.querySelector('#plot .g-xtitle')?.textContent ?? ''),
  );
  check(
    'embedding: switching the mode to PCA shows aligned PCs',
    (await axisTitle(page)) === 'aligned PC 1',
  );
  await cspCheck(page, check, 'embedding');
  pageErrorsCheck(check, errors, 'embedding');
}
