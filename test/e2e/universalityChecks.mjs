// UI checks of the universality panel: a family-tree sweep of two seeds trained from the editor,
// then its CKA heatmap and its stitching matrix opened from the config's lenses.
import path from 'node:path';
import {
  lensOf,
  quickOpen,
  runCommand,
  sweepDone,
  webviewFrame,
  webviewTabs,
} from './workbench.mjs';

/** Registers the checks; `folder()` is the workspace folder (known once the workbench runs). */
export function universalityChecks(check, folder) {
  check(
    'a family-tree sweep of two seeds opens as a CKA heatmap with significance marks',
    async ({ page }) => {
      await runCommand(page, 'View: Close All Editors');
      await quickOpen(page, 'tree.replens.json');
      await runCommand(page, 'Replens: Run Sweep');
      await sweepDone(path.join(folder(), '.replens', 'runs', 'tree'), 150_000);
      await lensOf(page, 'tree.replens.json', 'Show cka').first().click();
      await webviewTabs(page, 'replens.universality').first().waitFor();
      const frame = await webviewFrame(page, '#layersHeatmap', 90_000);
      await frame.locator('#layersHeatmap .heatmaplayer .hm').first().waitFor({ timeout: 120_000 });
      const notes = await frame.locator('#layersHeatmap .annotation-text').allTextContents();
      if (notes.length !== 16 || !notes.every((t) => /^-?\d\.\d\d(\*+| n\.s\.)$/.test(t))) {
        throw new Error(
          `want 4 × 4 cells with a value and a significance mark, got ${notes.join(' | ')}`,
        );
      }
      const summary = (await frame.locator('#summary').textContent()) ?? '';
      if (!/CKA/.test(summary)) {
        throw new Error(`the summary says "${summary}"`);
      }
    },
  );

  check('its stitching matrix shows each score beside the controls', async ({ page }) => {
    await lensOf(page, 'tree.replens.json', 'Show stitching').first().click();
    const frame = await webviewFrame(page, '#stitchingMatrix', 60_000);
    await frame.locator('#stitchingMatrix .heatmaplayer .hm').first().waitFor({ timeout: 170_000 });
    const rows = await frame.locator('#stitching-body tr').allTextContents();
    const caption = (await frame.locator('#stitching-caption').textContent()) ?? '';
    if (rows.length !== 5 || !/embedding → embedding/.test(caption)) {
      throw new Error(
        `want 5 rows (task, regression, 3 controls) for the embedding cell: ${caption} ${rows.join(' | ')}`,
      );
    }
    for (const control of ['random', 'shuffled', 'held-out']) {
      if (!rows.some((r) => r.toLowerCase().includes(control))) {
        throw new Error(`no ${control} control in ${rows.join(' | ')}`);
      }
    }
  });
}
