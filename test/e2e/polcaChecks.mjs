// UI check of the POLCA panel: a small addition run trained from the editor, then its POLCA
// clusters opened from the config's lens, with the ARI of POLCA beside the loss baseline.
import fs from 'node:fs';
import path from 'node:path';
import { lensOf, quickOpen, runCommand, webviewFrame, webviewTabs } from './workbench.mjs';

/** Waits until a run of the experiment has ended `done`. */
async function runDone(experimentDir, timeout) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const runs = fs.existsSync(experimentDir) ? fs.readdirSync(experimentDir) : [];
    for (const r of runs) {
      try {
        const m = JSON.parse(fs.readFileSync(path.join(experimentDir, r, 'run.json'), 'utf8'));
        if (m.status === 'done') {
          return;
        }
      } catch {
        // not written yet
      }
    }
    if (Date.now() > deadline) {
      throw new Error(`no finished run in ${experimentDir}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Registers the check; `folder()` is the workspace folder (known once the workbench runs). */
export function polcaChecks(check, folder) {
  check(
    'an addition run’s POLCA clusters open from its lens with the baseline beside them',
    async ({ page }) => {
      await runCommand(page, 'View: Close All Editors');
      await quickOpen(page, 'add.replens.json');
      await runCommand(page, 'Replens: Run Experiment');
      await runDone(path.join(folder(), '.replens', 'runs', 'add'), 120_000);
      await lensOf(page, 'add.replens.json', 'Show polca').first().click();
      await webviewTabs(page, 'replens.polca').first().waitFor();
      const frame = await webviewFrame(page, '#clusterCurves', 90_000);
      await frame
        .locator('#methodScores.js-plotly-plot .trace')
        .first()
        .waitFor({ timeout: 170_000 });
      const summary = (await frame.locator('#summary').textContent()) ?? '';
      if (!/POLCA ARI .* vs loss baseline/.test(summary)) {
        throw new Error(`the summary says "${summary}"`);
      }
    },
  );
}
