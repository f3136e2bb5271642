import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { polcaMessageSchemas } from '../../../src/shared/protocol/polcaViewSchemas';

const ok = (method: keyof typeof polcaMessageSchemas.requests, params: unknown) =>
  polcaMessageSchemas.requests[method].safeParse(params).success;

describe('POLCA webview message schemas', () => {
  it('accepts what the page sends', () => {
    assert.equal(ok('view/ready', {}), true);
    assert.equal(ok('polca/load', {}), true);
    assert.equal(ok('polca/load', { options: { skill: 'cascadingCarry' } }), true);
    assert.equal(
      ok('polca/load', { options: { k: 4, checkpoints: 8, allocation: 'path', noControls: true } }),
      true,
    );
    assert.equal(ok('polca/hessian', { options: { k: 5, iterations: 30 } }), true);
    assert.equal(ok('polca/cancel', { job: 'polca' }), true);
    assert.equal(ok('polca/cancel', { job: 'hessian' }), true);
  });

  it('refuses other folders, unknown options, bad values and unknown jobs', () => {
    assert.equal(ok('polca/load', { runDir: '/elsewhere' }), false, 'the run is the panel’s');
    assert.equal(ok('polca/load', { options: { skill: '../x' } }), false);
    assert.equal(ok('polca/load', { options: { k: 0 } }), false);
    assert.equal(ok('polca/load', { options: { allocation: 'exact' } }), false);
    assert.equal(ok('polca/load', { options: { evil: true } }), false);
    assert.equal(ok('polca/hessian', { options: { skill: 'carryIn' } }), false);
    assert.equal(ok('polca/cancel', { job: 'training' }), false);
    assert.equal(ok('polca/cancel', {}), false);
  });
});
