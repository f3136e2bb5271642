/**
 * docs/interop.md shows the code the PyTorch interop tests run: the activation-saving snippet
 * (test/fixtures/interop/save_activations.py) and the embed-MLP class of torch_embed_mlp.py,
 * verbatim, and the `map` of the config that script writes. So the documented code is the tested
 * code.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../../helpers/cli';
import { interopDir } from '../../helpers/torch';

const docs = fs.readFileSync(path.join(repoRoot, 'docs', 'interop.md'), 'utf8');
const read = (name: string): string => fs.readFileSync(path.join(interopDir, name), 'utf8');

describe('docs/interop.md', () => {
  it('includes save_activations.py verbatim as a python block', () => {
    const snippet = read('save_activations.py');
    assert.ok(
      docs.includes('```python\n' + snippet + '```\n'),
      'docs/interop.md must include test/fixtures/interop/save_activations.py verbatim',
    );
  });

  it('includes the EmbedMlp class of torch_embed_mlp.py verbatim', () => {
    const script = read('torch_embed_mlp.py');
    const start = script.indexOf('class EmbedMlp(nn.Module):');
    assert.ok(start >= 0, 'torch_embed_mlp.py has no class EmbedMlp');
    const cls = script.slice(start, script.indexOf('\n\n\n', start) + 1);
    assert.ok(
      docs.includes('```python\n' + cls + '```\n'),
      'docs/interop.md must include the class EmbedMlp of torch_embed_mlp.py verbatim',
    );
  });

  it('gives the map of the tested config', () => {
    const config = JSON.parse(read('embed-mlp/experiment.replens.json')) as {
      model: { init: { map: Record<string, string> } };
    };
    for (const [from, to] of Object.entries(config.model.init.map)) {
      assert.ok(docs.includes(`"${from}": "${to}"`), `the docs' map lacks "${from}": "${to}"`);
    }
  });
});
