// Small queries and actions on a case's page (a Playwright page) that the page cases share.

/** How many elements match `selector`. */
export const count = (page, selector) => page.locator(selector).count();

/** The requests of `method` the page's stub host received (see stub-host.js). */
export const requests = (page, method) =>
  page.evaluate((m) => window.smoke.requests.filter((r) => r.method === m), method);

/** The rendered text of the first element matching `selector`. */
export const text = (page, selector) => page.locator(selector).first().innerText();

/** The text of an SVG element (Plotly's titles, ticks, legend entries, annotations and hovers). */
export const svgText = async (page, selector) =>
  (await page.locator(selector).first().textContent()) ?? '';

/** Waits up to 10 s for `fn(arg)` to hold in the page; a timeout is left to the checks after it. */
export const waitFor = (page, fn, arg) =>
  page.waitForFunction(fn, arg, { timeout: 10_000 }).catch(() => undefined);

/** Picks the option `steps` below the current one of a vscode-single-select, by keyboard. */
export async function choose(page, id, steps) {
  await page.locator(`#${id}`).focus();
  await page.keyboard.press('Space');
  for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
}

/** Sends the host's `event` switching the page to `view`; the state the page saved then. */
export async function showFromHost(page, event, view) {
  await page.evaluate(([e, v]) => window.smoke.notify(e, { view: v }), [event, view]);
  await page
    .waitForSelector(`#view-${view}:not([hidden])`, { timeout: 5000 })
    .catch(() => undefined);
  return page.evaluate(() => window.smoke.state);
}
