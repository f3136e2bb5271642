import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { RemoteError } from '../../../src/shared/protocol/endpoint';
import { requireBuild } from '../../helpers/cli';
import { withWorker } from '../../helpers/worker';
import { tempDir, tinyConfig } from '../../helpers/runs';

const out = tempDir();

describe('worker run/start with model.init', () => {
  before(requireBuild);

  it('rejects weights that do not fit with code bad-run, naming each tensor', () =>
    withWorker(async (w) => {
      const weights = path.join(out, 'empty.safetensors');
      const header = Buffer.from('{}');
      const size = Buffer.alloc(8);
      size.writeBigUInt64LE(BigInt(header.length));
      fs.writeFileSync(weights, Buffer.concat([size, header]));
      const configText = JSON.stringify(
        tinyConfig({ model: { init: { from: 'empty.safetensors' } } }),
      );
      await assert.rejects(
        w.endpoint.request('run/start', {
          configText,
          configPath: path.join(out, 'tiny.replens.json'),
          outRoot: path.join(out, 'runs'),
          backend: 'wasm',
        }),
        (e: Error) =>
          e instanceof RemoteError &&
          e.code === 'bad-run' &&
          /missing tensor "embedding\.weight"/.test(e.message) &&
          /missing tensor "layers\.1\.bias"/.test(e.message),
      );
      assert.equal(fs.existsSync(path.join(out, 'runs')), false);
    }));
});
