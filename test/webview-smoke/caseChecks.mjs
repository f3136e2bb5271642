// What every page case does: open its page collecting page errors, render export files as the
// host's figure/render would and check the images, and close with the checks every analysis page
// makes: no CSP violation on the page, on the `?fail` page (whose stub refuses the load) the
// worker's error shown verbatim with no figure section, and no page error.
import fs from 'node:fs';
import path from 'node:path';

/** Opens `url` in a new page of `viewport`; page errors and console errors go to `errors`. */
export async function openCase(browser, url, viewport, errors) {
  const page = await browser.newPage({ viewport });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url);
  return page;
}

/** Asks the page to render its export figure in each of `formats`; the files, in that order. */
export async function renderFiles(page, formats) {
  const ids = await page.evaluate((list) => list.map((f) => window.smoke.render(f)), formats);
  await page.waitForFunction((n) => n.every((id) => window.smoke.renders[id]), ids, {
    timeout: 30_000,
  });
  return page.evaluate((n) => n.map((id) => window.smoke.renders[id].r), ids);
}

/** Checks that a rendered PNG of `figure` is one, and writes it to `outDir`. */
export function pngCheck(check, outDir, png, figure) {
  const pngBytes = png ? Buffer.from(png.data, 'base64') : Buffer.alloc(0);
  check(`figure/render png of ${figure} is a PNG`, pngBytes.subarray(1, 4).toString() === 'PNG');
  if (pngBytes.length > 0) fs.writeFileSync(path.join(outDir, png.fileName), pngBytes);
}

/** Checks that a rendered SVG is an SVG document. */
export function svgCheck(check, svg) {
  check('figure/render svg is an SVG document', /^<svg[\s\S]*<\/svg>$/.test(svg?.data ?? ''));
}

/** The lines of a rendered CSV file. */
export const csvLines = (csv) => (csv?.data ?? '').split('\r\n');

/**
 * Renders the export figure (`figure`, as the check names it) as PNG, SVG and CSV, checks both
 * images (the PNG is written to `outDir`) and returns the lines of the CSV.
 */
export async function exportFileChecks(page, check, outDir, figure) {
  const [png, svg, csv] = await renderFiles(page, ['png', 'svg', 'csv']);
  pngCheck(check, outDir, png, figure);
  svgCheck(check, svg);
  return csvLines(csv);
}

/** No CSP violation was recorded by the page's stub host. */
export async function cspCheck(page, check, view) {
  const violations = await page.evaluate(() => window.smoke.cspViolations);
  check(`${view}: no CSP violation`, violations.length === 0, violations.slice(0, 5).join('; '));
}

/** Loads `${url}?fail` and checks how the view shows a failed analysis; page errors go to `errors`. */
export async function failureChecks(browser, url, check, errors, view) {
  const failed = await browser.newPage();
  failed.on('pageerror', (e) => errors.push(String(e)));
  await failed.goto(`${url}?fail`);
  await failed.waitForSelector('#error:not([hidden])', { timeout: 10_000 });
  const shown = await failed.locator('#error-text').innerText();
  const expected = await failed.evaluate(() => window.smoke.failure);
  check(`${view}: a worker error is shown verbatim`, shown === expected, shown);
  check(
    `${view}: no figure section is shown after an error`,
    (await failed.locator('section.figure:not([hidden])').count()) === 0,
  );
}

/** No page error (nor console error) was collected. */
export function pageErrorsCheck(check, errors, view) {
  check(`${view}: no page errors`, errors.length === 0, errors.slice(0, 5).join('; '));
}

/** The closing checks of an analysis page: CSP, the failure page, then the page errors of both. */
export async function closingChecks(browser, page, url, check, errors, view) {
  await cspCheck(page, check, view);
  await failureChecks(browser, url, check, errors, view);
  pageErrorsCheck(check, errors, view);
}
