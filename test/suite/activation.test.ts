import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fixturePath, replensExtension, waitFor } from './helpers';

interface Contributes {
  commands: { command: string; title: string; category?: string }[];
  jsonValidation: { fileMatch: string; url: string }[];
}

function contributes(): Contributes {
  return (replensExtension().packageJSON as { contributes: Contributes }).contributes;
}

suite('activation', () => {
  test('the extension activates by itself in a workspace with a *.replens.json', async () => {
    assert.ok(fs.existsSync(fixturePath('tiny.replens.json')), 'fixture workspace not open');
    // No explicit activate(): the workspaceContains activation event must do it.
    await waitFor(() => replensExtension().isActive, 20_000, 'the extension to activate');
  });

  test('every command declared in package.json is registered', async () => {
    await waitFor(() => replensExtension().isActive, 20_000, 'the extension to activate');
    const declared = contributes().commands.map((c) => c.command);
    assert.ok(declared.length > 0, 'package.json declares no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = declared.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `declared but not registered: ${missing.join(', ')}`);
  });

  test('command titles reach the extension translated (a failed command names its title)', () => {
    const untranslated = contributes()
      .commands.filter((c) => c.title.startsWith('%') || (c.category ?? '').startsWith('%'))
      .map((c) => c.command);
    assert.deepEqual(untranslated, [], `titles still %placeholders%: ${untranslated.join(', ')}`);
  });

  test('the JSON schema exists at the contributed path and is a JSON Schema', () => {
    const ext = replensExtension();
    const entry = contributes().jsonValidation.find((v) => v.fileMatch === '*.replens.json');
    assert.ok(entry, 'no jsonValidation entry for *.replens.json');
    const file = path.join(ext.extensionPath, entry.url);
    assert.ok(fs.existsSync(file), `missing ${file} (run npm run build)`);
    const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as { properties?: object };
    assert.ok(schema.properties && 'task' in schema.properties, 'schema has no "task" property');
  });

  test('configs open as JSON with comments', async () => {
    const doc = await vscode.workspace.openTextDocument(fixturePath('tiny.replens.json'));
    assert.equal(doc.languageId, 'jsonc');
  });
});
