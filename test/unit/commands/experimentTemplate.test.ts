import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  instantiateTemplate,
  templateDescription,
  withConfigSuffix,
} from '../../../src/commands/experimentTemplate';
import { parseConfig } from '../../../src/shared/parseConfig';

const examples = path.join(__dirname, '..', '..', '..', 'examples');

describe('experiment templates', () => {
  for (const file of fs.readdirSync(examples).filter((f) => f.endsWith('.replens.json'))) {
    it(`${file}: named after the new file, no $schema, comments kept, still valid`, () => {
      const text = fs.readFileSync(path.join(examples, file), 'utf8');
      const out = instantiateTemplate(text, 'my-run_2');
      const { config, problems } = parseConfig(out, 'my-run_2.replens.json');
      assert.deepEqual(problems, []);
      assert.equal(config?.name, 'my-run_2');
      assert.ok(!out.includes('$schema'));
      assert.ok(out.includes(text.split('\n').find((l) => l.trim().startsWith('//')) ?? ''));
      assert.notEqual(templateDescription(text), '');
    });
  }

  it('keeps the template name when the file stem is not a valid name', () => {
    const out = instantiateTemplate(
      '{ "name": "a", "task": { "kind": "modular-addition" } }',
      'x y',
    );
    assert.equal(parseConfig(out).config?.name, 'a');
  });

  it('removes a $schema that is the last property', () => {
    const text = '{ "name": "a", "task": { "kind": "modular-addition" }, "$schema": "x.json" }';
    const out = instantiateTemplate(text, 'b');
    assert.ok(!out.includes('$schema'));
    assert.deepEqual(parseConfig(out).problems, []);
  });

  it('describes a template by its leading comment', () => {
    assert.equal(templateDescription('{\n  // one\n  // two\n  "a": 1 // no\n}'), 'one two');
    assert.equal(templateDescription('{}'), '');
  });

  it('forces the .replens.json suffix', () => {
    assert.equal(withConfigSuffix('a.replens.json'), 'a.replens.json');
    assert.equal(withConfigSuffix('a.json'), 'a.replens.json');
    assert.equal(withConfigSuffix('a'), 'a.replens.json');
  });
});
