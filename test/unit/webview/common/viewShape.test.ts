import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

// Every view folder has the shape that webview/common/view.ts describes.

const views = readdirSync('webview', { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'common')
  .map((d) => d.name);

/** Each file of the shape and the names it must export. */
const shape: Record<string, string[]> = {
  'main.ts': [],
  'page.ts': ['buildPage'],
  'state.ts': ['reduce', 'savedState'],
  'figureIds.ts': ['figureIds', 'FigureId'],
  'figures.ts': ['figureBuilders', 'figureDeps'],
  'render.ts': ['renderPage'],
  'wire.ts': ['wireControls'],
  'exports.ts': [],
};

/** The pure files: no DOM, no Plotly, no saved state. */
const pure = ['state.ts', 'figureIds.ts', 'figures.ts', 'exports.ts'];
const impure = /from '\.\.\/common\/(dom|plot|view|vscodeApi|theme|analysisPage|analysisRender)'/;

const read = (view: string, file: string): string =>
  readFileSync(join('webview', view, file), 'utf8');

describe('webview view shape', () => {
  it('finds the views', () => {
    assert.ok(views.length >= 7, views.join(', '));
  });

  for (const view of views) {
    it(`${view} has every file of the shape, exporting its parts`, () => {
      for (const [file, names] of Object.entries(shape)) {
        assert.ok(existsSync(join('webview', view, file)), `${view}/${file} exists`);
        const text = read(view, file);
        for (const name of names) {
          const exported = new RegExp(
            `export (async )?(function|const|type|interface|class) ${name}\\b|export \\{[^}]*\\b${name}\\b`,
          );
          assert.ok(exported.test(text), `${view}/${file} exports ${name}`);
        }
      }
    });

    it(`${view} runs its main.ts on the common View, keeping the pure files pure`, () => {
      assert.ok(/new View</.test(read(view, 'main.ts')), `${view}/main.ts creates a View`);
      for (const file of pure) {
        assert.ok(!impure.test(read(view, file)), `${view}/${file} is pure`);
      }
    });
  }
});
