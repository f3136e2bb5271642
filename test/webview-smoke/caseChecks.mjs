// Checks every analysis page case makes: no CSP violation on the page, and on the `?fail` page
// (whose stub refuses the load) the worker's error shown verbatim with no figure section.

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
