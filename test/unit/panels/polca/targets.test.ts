import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { polcaCommands, polcaRunOfKey } from '../../../../src/panels/polca/targets';

const run = '/w/.replens/runs/addition/20260101T000000Z-ab12';

describe('POLCA command targets', () => {
  it('opens each command on its own view', () => {
    assert.deepEqual(
      polcaCommands.map((c) => [c.id, c.view]),
      [
        ['replens.showPolca', 'clusters'],
        ['replens.showHessian', 'spectrum'],
      ],
    );
  });

  it('restores only from an absolute run folder', () => {
    assert.equal(polcaRunOfKey(run), run);
    assert.throws(() => polcaRunOfKey('relative/run'), /not a POLCA panel key/);
    assert.throws(() => polcaRunOfKey(''), /not a POLCA panel key/);
  });
});
