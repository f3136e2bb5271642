import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  analyses,
  analysisKinds,
  analyzeUsageLines,
  applicableAnalyses,
  isAnalysisKind,
  viewOfAnalysisFile,
} from '../../../src/shared/analyses';
import { parseConfig } from '../../../src/shared/parseConfig';

const root = path.join(__dirname, '..', '..', '..');
const examples = path.join(root, 'examples');

function example(name: string) {
  const { config } = parseConfig(fs.readFileSync(path.join(examples, name), 'utf8'), name);
  assert.ok(config, name);
  return config;
}

describe('analysis catalogue', () => {
  it('gives every kind a view command that package.json contributes', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      contributes: { commands: { command: string }[] };
    };
    const contributed = new Set(pkg.contributes.commands.map((c) => c.command));
    for (const kind of analysisKinds) {
      for (const view of analyses[kind].views) {
        assert.ok(contributed.has(view.command), `${kind}: ${view.command} is not contributed`);
      }
    }
  });

  it('gives every kind a `replens analyze <kind>` usage line', () => {
    for (const kind of analysisKinds) {
      assert.ok(analyses[kind].usage.length > 0, kind);
      for (const line of analyses[kind].usage) {
        assert.ok(line.startsWith(`replens analyze ${kind} `), line);
      }
    }
    assert.equal(
      analyzeUsageLines.length,
      analysisKinds.reduce((n, k) => n + analyses[k].usage.length, 0),
    );
  });

  it('tells which analyses apply to each kind of run', () => {
    const cases: [string, string[]][] = [
      [
        'modular-addition.replens.json',
        ['embedding', 'completeness', 'cka', 'stitching', 'starvation', 'hessian'],
      ],
      ['family-tree.replens.json', ['embedding', 'cka', 'stitching', 'starvation', 'hessian']],
      ['anbn-normal.replens.json', ['embedding', 'extrapolation', 'hessian']],
      ['addition.replens.json', ['embedding', 'polca', 'hessian']],
    ];
    for (const [file, kinds] of cases) {
      assert.deepEqual(applicableAnalyses(example(file)), kinds, file);
    }
  });

  it('says why an analysis does not apply, naming what the run trains', () => {
    const config = example('anbn-normal.replens.json');
    assert.match(analyses.polca.appliesTo(config) ?? '', /addition.*formal-language/);
    assert.match(analyses.cka.appliesTo(config) ?? '', /embed-mlp.*transformer/);
    assert.match(analyses.completeness.appliesTo(config) ?? '', /formal-language/);
  });

  it('every bundled example configures only analyses that apply to it', () => {
    for (const file of fs.readdirSync(examples).filter((f) => f.endsWith('.replens.json'))) {
      const config = example(file);
      for (const entry of config.analyses) {
        assert.equal(analyses[entry.kind].appliesTo(config), undefined, `${file}: ${entry.kind}`);
      }
    }
  });

  it('warns at the entry when a configured analysis does not apply', () => {
    const text = fs
      .readFileSync(path.join(examples, 'anbn-normal.replens.json'), 'utf8')
      .replace('"analyses": [{ "kind": "extrapolation" }]', '"analyses": [{ "kind": "polca" }]');
    const { config, problems } = parseConfig(text, 'anbn.replens.json');
    assert.ok(config);
    const warning = problems.find((p) => p.path.join('.') === 'analyses.0.kind');
    assert.equal(warning?.severity, 'warning');
    assert.match(warning.message, /"polca" does not apply to this config: POLCA needs/);
  });

  it('recognises kinds, not inherited names', () => {
    assert.equal(isAnalysisKind('polca'), true);
    assert.equal(isAnalysisKind('toString'), false);
    assert.equal(isAnalysisKind(undefined), false);
  });
});

describe('cached analysis files', () => {
  it('open in the view of their kind; stitching (a sweep view) and unknown files open as JSON', () => {
    assert.equal(viewOfAnalysisFile('completeness')?.command, 'replens.showCompleteness');
    assert.equal(viewOfAnalysisFile('cka')?.command, 'replens.showCka');
    assert.equal(viewOfAnalysisFile('polca')?.command, 'replens.showPolca');
    assert.equal(viewOfAnalysisFile('hessian')?.command, 'replens.showHessian');
    assert.equal(viewOfAnalysisFile('stitching'), undefined);
    assert.equal(viewOfAnalysisFile('notes'), undefined);
  });
});
