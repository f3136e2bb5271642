import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { parseConfig } from '../../src/shared/parseConfig';
import { fixturePath, openFixture, replensExtension, waitFor } from './helpers';
import { lineOf, replensDiagnostics, waitForLens } from './lensHelpers';

suite('code lenses and diagnostics', () => {
  suiteSetup(async () => {
    await waitFor(() => replensExtension().isActive, 20_000, 'the extension to activate');
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('tiny.replens.json has Run and preview lenses on its "task" line', async () => {
    const { document } = await openFixture('tiny.replens.json');
    const run = await waitForLens(document.uri, /^\$\(play\) Run$/);
    assert.equal(run.command?.command, 'replens.runExperiment');
    assert.equal(run.range.start.line, lineOf(document.getText(), '"task"'));
    const preview = await waitForLens(
      document.uri,
      /^169 examples · train\/test 135\/34 · 1,693 parameters · (<1 s|~\d+ s) on (wasm|node|cpu)$/,
    );
    assert.equal(preview.range.start.line, run.range.start.line);
  });

  test('bad.replens.json gets an error diagnostic on the offending line', async () => {
    const file = fixturePath('bad.replens.json');
    const { document } = await openFixture('bad.replens.json');
    const text = fs.readFileSync(file, 'utf8');
    const expected = parseConfig(text, file).problems.find((p) => p.severity === 'error');
    assert.ok(expected, 'bad.replens.json is not invalid');
    const [first] = await replensDiagnostics(document.uri);
    assert.equal(first.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(first.range.start.line, expected.line - 1);
    assert.equal(first.range.start.line, lineOf(text, '"trainFraction": 1.5'));
    assert.match(first.message, /\(at task\.trainFraction\)$/);
  });

  test('an invalid edit updates diagnostics and the preview lens as the user types', async () => {
    const editor = await openFixture('tiny.replens.json');
    const { document } = editor;
    const value = '"trainFraction": 0.8';
    const offset = document.getText().indexOf(value);
    assert.ok(offset >= 0, 'tiny.replens.json has no trainFraction 0.8');
    const range = new vscode.Range(
      document.positionAt(offset),
      document.positionAt(offset + value.length),
    );
    assert.ok(await editor.edit((e) => e.replace(range, '"trainFraction": 0')));
    try {
      const [first] = await replensDiagnostics(document.uri);
      assert.equal(first.range.start.line, range.start.line);
      await waitForLens(
        document.uri,
        /^\$\(error\) 1 problem · line \d+: must be strictly between/,
      );
    } finally {
      // Put the text back and save it, so no later suite can save the invalid edit (the
      // teardown's revert acts on whichever editor is active by then).
      const edited = new vscode.Range(
        document.positionAt(offset),
        document.positionAt(offset + '"trainFraction": 0'.length),
      );
      await editor.edit((e) => e.replace(edited, value));
      await document.save();
    }
  });
});
