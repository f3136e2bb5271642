import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { neededRequests, viewRequest } from '../../../../webview/polca/requests';
import { initialState, reduce } from '../../../../webview/polca/state';
import { loaded, snapshot } from './fixture';

describe('POLCA view requests', () => {
  it('asks nothing before the handshake or after it failed', () => {
    assert.deepEqual(neededRequests(initialState()), []);
    const failed = reduce(reduce(initialState(), snapshot()), { type: 'fatal', message: 'x' });
    assert.deepEqual(neededRequests(failed), []);
  });

  it('asks for POLCA once, and not again when the method, group or cluster changes', () => {
    const s = reduce(initialState(), snapshot());
    assert.deepEqual(neededRequests(s), [{ slot: 'polca', method: 'polca/load', params: {} }]);
    let after = loaded();
    assert.deepEqual(neededRequests(after), []);
    for (const patch of [{ method: 'lossBaseline' as const }, { group: '1' }, { cluster: 0 }]) {
      after = reduce(after, { type: 'clusters', patch });
      assert.deepEqual(neededRequests(after), [], JSON.stringify(patch));
    }
  });

  it('asks again for another skill, and on Refresh', () => {
    const s = loaded();
    const skill = reduce(s, { type: 'clusters', patch: { skill: 'cascadingCarry' } });
    assert.deepEqual(viewRequest(skill), {
      slot: 'polca',
      method: 'polca/load',
      params: { options: { skill: 'cascadingCarry' } },
    });
    assert.equal(neededRequests(skill).length, 1);
    assert.equal(neededRequests(reduce(s, { type: 'reload' })).length, 1);
  });

  it('the spectrum view asks for the Hessian alone', () => {
    const s = reduce(initialState(), snapshot('spectrum'));
    assert.deepEqual(neededRequests(s), [{ slot: 'hessian', method: 'polca/hessian', params: {} }]);
    const back = reduce(loaded('spectrum'), { type: 'show', view: 'spectrum' });
    assert.deepEqual(neededRequests(back), []);
  });
});
