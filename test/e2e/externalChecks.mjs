// UI checks of external folders: a small activations folder (written into the workspace copy at
// set-up) opened with "Open Folder in Replens" from the explorer's context menu, listed in the
// Runs view as external, and its CKA heatmap opened from the tree item's context menu; the panel
// at half width is photographed in a dark and a light theme.
import fs from 'node:fs';
import path from 'node:path';
import {
  editorOf,
  runCommand,
  quickOpen,
  treeRow,
  webviewFrame,
  webviewTabs,
} from './workbench.mjs';

const folderName = 'ext-acts';

/** Deterministic values in [-1, 1). */
function values(seed, n) {
  let x = seed;
  return Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return (x / 2147483648) * 2 - 1;
  });
}

/** A safetensors file of F32 [rows, cols] tensors. */
function safetensors(layers) {
  const header = {};
  let offset = 0;
  for (const [name, { rows, data }] of Object.entries(layers)) {
    header[name] = {
      dtype: 'F32',
      shape: [rows, data.length / rows],
      data_offsets: [offset, offset + data.length * 4],
    };
    offset += data.length * 4;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (json.length % 8)) % 8);
  const head = Buffer.alloc(8);
  head.writeBigUInt64LE(BigInt(json.length));
  const data = Object.values(layers).map((t) => Buffer.from(Float32Array.from(t.data).buffer));
  return Buffer.concat([head, Buffer.from(json), ...data]);
}

/** Writes `<workspace>/ext-acts/activations/step-{0,10}.safetensors` (3 layers × 16 rows) and rows.json. */
export function writeExternalFixture(workspace) {
  const dir = path.join(workspace, folderName);
  const rows = 16;
  for (const step of [0, 10]) {
    const a = values(3 + step, rows * 6);
    const b = a.map((v, i) => Math.tanh(v + 0.4 * a[(i + 1) % a.length] * (1 + step / 10)));
    const c = values(50 + step, rows * 2).map((v, i) => b[i * 3] - 0.5 * b[i * 3 + 1] + 0.2 * v);
    const file = path.join(dir, 'activations', `step-${step}.safetensors`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      safetensors({
        'encoder.0': { rows, data: a },
        'encoder.1': { rows, data: b },
        head: { rows, data: c },
      }),
    );
  }
  const ids = Array.from({ length: rows }, (_, i) => `x${i}`);
  fs.writeFileSync(path.join(dir, 'rows.json'), JSON.stringify({ ids }));
}

/** Right-clicks a row and runs a context menu item. */
async function contextMenu(page, row, item) {
  await row.click({ button: 'right' });
  const entry = page.locator('.context-view .action-item', { hasText: item });
  await entry.first().waitFor();
  await entry.first().click();
  // A click that lands while the menu is still laying itself out only highlights the entry:
  // the menu stays open with the entry focused, and Enter runs it.
  const menu = page.locator('.context-view .monaco-menu');
  try {
    await menu.first().waitFor({ state: 'hidden', timeout: 2_000 });
  } catch {
    await entry.first().hover();
    await page.keyboard.press('Enter');
    await menu.first().waitFor({ state: 'hidden', timeout: 5_000 });
  }
}

/** Shows the Replens container (its Runs view may be a welcome text when there are no runs). */
async function showReplens(page) {
  const item = page.locator('.activitybar .action-item:has(.action-label[aria-label^="Replens"])');
  if (!((await item.first().getAttribute('class')) ?? '').split(' ').includes('checked')) {
    await item.first().click();
  }
  await page
    .locator('.sidebar .title-label', { hasText: /replens/i })
    .first()
    .waitFor();
}

/** Picks a colour theme through the palette (focus leaves the webview first: keys go there). */
async function colorTheme(page, name) {
  await editorOf(page, 'tiny.replens.json').click();
  // Ctrl+K Ctrl+T: the palette ranks "Browse Color Themes in Marketplace" first.
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+T');
  const input = page.locator('.quick-input-widget input');
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).waitFor();
  await page.keyboard.press('Enter');
  await page.waitForTimeout(1500);
}

/** Registers the checks; `shots` is the screenshots folder. */
export function externalChecks(check, shots) {
  check(
    'Open Folder in Replens from the explorer lists the folder as external',
    async ({ page }) => {
      await runCommand(page, 'View: Close All Editors');
      await showReplens(page); // the extension is active once its view shows
      await runCommand(page, 'View: Show Explorer');
      const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: folderName });
      await row.first().waitFor({ timeout: 30_000 });
      await contextMenu(page, row.first(), 'Open Folder in Replens');
      // The command shows the Runs view with the folder selected.
      const item = treeRow(page, 'external · activations');
      await item.first().waitFor({ timeout: 60_000 });
      const text = (await item.first().textContent()) ?? '';
      if (!text.includes(folderName)) {
        throw new Error(`the tree row says "${text}"`);
      }
      await treeRow(page, 'External folders').first().waitFor();
    },
  );

  check(
    'the external folder’s CKA heatmap opens from the tree with every cell',
    async ({ page }) => {
      // An editor on the left puts the panel at half width beside it.
      await quickOpen(page, 'tiny.replens.json');
      await showReplens(page);
      await contextMenu(page, treeRow(page, 'external · activations').first(), 'Show CKA Heatmap');
      await webviewTabs(page, 'replens.universality').first().waitFor();
      const frame = await webviewFrame(page, '#layersHeatmap', 60_000);
      await frame.locator('#layersHeatmap .heatmaplayer .hm').first().waitFor({ timeout: 120_000 });
      const notes = await frame.locator('#layersHeatmap .annotation-text').allTextContents();
      if (notes.length !== 9 || !notes.every((t) => /^-?\d\.\d\d/.test(t))) {
        throw new Error(`want 3 × 3 cells with values, got ${notes.join(' | ')}`);
      }
      const summary = (await frame.locator('#summary').textContent()) ?? '';
      if (!summary.includes('CKA')) {
        throw new Error(`the summary says "${summary}"`);
      }
      // The default theme follows the browser (light here); both themes are photographed.
      for (const [theme, file] of [
        ['Dark Modern', 'external-heatmap-dark.png'],
        ['Light Modern', 'external-heatmap-light.png'],
      ]) {
        await colorTheme(page, theme);
        await frame.locator('#layersHeatmap .heatmaplayer .hm').first().waitFor();
        await page.screenshot({ path: path.join(shots(), file) });
      }
    },
  );
}
