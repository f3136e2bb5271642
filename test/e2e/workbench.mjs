// Helpers that drive the VS Code workbench (code-server in chromium) for the UI checks: Quick
// Open, the command palette, code lenses, webview panels and their frames, the Runs view.
import fs from 'node:fs';
import path from 'node:path';

/** Opens a workspace file through Quick Open (Ctrl+P) and waits for its editor tab. */
export async function quickOpen(page, name) {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').fill(name);
  // Wait for the filtered list: until then the focused row is the most recent editor.
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
}

/** Waits until the newest sweep under an experiment folder lists every run as done. */
export async function sweepDone(experimentDir, timeout) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const sweeps = fs.existsSync(experimentDir)
      ? fs.readdirSync(experimentDir).filter((n) => n.startsWith('sweep-'))
      : [];
    const newest = sweeps.sort().pop();
    try {
      const index = JSON.parse(
        fs.readFileSync(path.join(experimentDir, newest ?? '-', 'sweep.json'), 'utf8'),
      );
      if (index.runs.every((r) => r.status === 'done')) {
        return;
      }
    } catch {
      // not written yet
    }
    if (Date.now() > deadline) {
      throw new Error(`no finished sweep in ${experimentDir}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Types `>text` into the command palette and returns the locator of the matching rows, once one
 * shows. A key press that lands while the workbench is still moving focus (an editor opening, a
 * quick pick closing) can leave the palette shut or its list unfiltered, so the palette is opened
 * afresh up to three times.
 */
export async function paletteRows(page, text) {
  const rows = page.locator('.quick-input-list .monaco-list-row', { hasText: text });
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${text}`);
    try {
      await rows.first().waitFor({ timeout: 10_000 });
      return rows;
    } catch (error) {
      if (attempt === 3) {
        throw error;
      }
      await page.keyboard.press('Escape');
    }
  }
}

/** Runs a command from the palette (once the filtered list has it focused). */
export async function runCommand(page, text) {
  await paletteRows(page, text);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: text }).waitFor();
  await page.keyboard.press('Enter');
}

/** The Monaco editor showing a workspace file (VS Code puts the file's URI on its DOM node). */
export function editorOf(page, name) {
  return page.locator(`.monaco-editor[data-uri$="/${name}"]`);
}

/** The code lenses of a file's editor with a command (`a`) or without one (`span`). */
export function lensOf(page, name, text, { command = true } = {}) {
  const tag = command ? 'a' : 'span';
  return editorOf(page, name).locator(`.codelens-decoration > ${tag}`, { hasText: text });
}

/** Editor tabs of the webview panels of a view type (`replens.training`, `replens.embedding`). */
export function webviewTabs(page, viewType) {
  return page.locator(`.tabs-container .tab[data-resource-name^="webview-${viewType}-"]`);
}

/**
 * The frame of the webview whose page has `selector` (every Replens view has its own ids:
 * #log-loss in the training panel, #tensors in the checkpoint editor, #slider in the embedding
 * panel). Webviews are two nested iframes; the inner one holds the extension's page.
 */
export async function webviewFrame(page, selector, timeout = 60_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame() || frame.isDetached()) {
        continue;
      }
      // A frame still loading may not answer at once: ask each for a second at most.
      const found = await Promise.race([
        frame
          .locator(selector)
          .count()
          .catch(() => 0),
        new Promise((resolve) => setTimeout(() => resolve(0), 1000)),
      ]);
      if (found > 0) {
        return frame;
      }
    }
    if (Date.now() > deadline) {
      throw new Error(`no webview shows ${selector} within ${timeout} ms`);
    }
    await page.waitForTimeout(250);
  }
}

/** Points drawn by a Plotly figure, over all its traces (from the figure's own data). */
export function plotPoints(frame, selector) {
  return frame
    .locator(selector)
    .evaluate((el) => (el.data ?? []).reduce((n, t) => n + (t.x?.length ?? 0), 0));
}

/** Shows the Runs view in the side bar (clicking the active container would hide it). */
export async function showRunsView(page) {
  const item = page.locator('.activitybar .action-item:has(.action-label[aria-label^="Replens"])');
  if (!((await item.first().getAttribute('class')) ?? '').split(' ').includes('checked')) {
    await item.first().click();
  }
  await page.locator('.sidebar .pane-body .monaco-list').first().waitFor();
}

/**
 * Stops a run an earlier (failed) check left training, so that later checks do not wait behind
 * it in the queue; returns whether there was one.
 */
export async function stopLeftoverRun(page) {
  const item = page.locator('.statusbar-item', { hasText: /Replens: / });
  if (!(await item.isVisible())) {
    return false;
  }
  await runCommand(page, 'Replens: Stop Run');
  await item.waitFor({ state: 'hidden', timeout: 60_000 });
  return true;
}

/** A row of the Runs tree. */
export function treeRow(page, text) {
  return page.locator('.sidebar .monaco-list-row', { hasText: text });
}
