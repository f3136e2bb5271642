import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { configReference } from '../../../src/shared/configReference';
import { configJsonSchema } from '../../../src/shared/emitSchema';

describe('configReference', () => {
  it('matches the committed docs/config.md (regenerate with npm run docs:config)', () => {
    const committed = fs.readFileSync(
      path.join(__dirname, '..', '..', '..', 'docs', 'config.md'),
      'utf8',
    );
    assert.equal(committed, configReference(configJsonSchema()));
  });

  it('documents every task kind and the defaults of the training loop', () => {
    const doc = configReference(configJsonSchema());
    for (const kind of [
      'modular-addition',
      'remainder-equivalence',
      'multi-digit-xor',
      'embed-mlp',
    ]) {
      assert.ok(doc.includes(`kind \`${kind}\``), kind);
    }
    assert.match(doc, /\| `steps` \| integer \(≥ 0, ≤ 10000000\) \| `3000` \|/);
  });
});
