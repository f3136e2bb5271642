import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, requireValidConfig } from '../../../src/shared/parseConfig';
import { runConfigOf, tryRunConfigOf } from '../../../src/shared/runConfig';

describe('requireValidConfig', () => {
  it('returns the resolved config and passes warnings on as formatted lines', () => {
    const warnings: string[] = [];
    const config = requireValidConfig(
      '{"task":{"kind":"modular-addition","p":60}}',
      'w.replens.json',
      (line) => warnings.push(line),
    );
    assert.equal(config.name, 'w');
    assert.equal(config.train.steps, 3000);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /^w\.replens\.json:1:\d+: warning: .*not prime/);
  });

  it('throws a bad-config ConfigError listing every error as file:line:col lines', () => {
    const text =
      '{"task":{"kind":"modular-addition","p":1},\n"model":{"kind":"embed-mlp","embedDim":0}}';
    assert.throws(
      () => requireValidConfig(text, 'e.replens.json'),
      (e: unknown) =>
        e instanceof ConfigError &&
        e.code === 'bad-config' &&
        e.errors.length === 2 &&
        /^e\.replens\.json:1:\d+: error: .*\ne\.replens\.json:2:\d+: error: /.test(e.message),
    );
  });
});

describe('runConfigOf', () => {
  it('fills the defaults of fields a stored config lacks', () => {
    const config = runConfigOf({ config: { name: 'old', task: { kind: 'modular-addition' } } });
    assert.equal(config.name, 'old');
    assert.equal(config.task.kind === 'modular-addition' && config.task.p, 59);
    assert.equal(config.train.earlyStopping, null);
  });

  it('names the first problem of a config this version cannot read', () => {
    const stored = { config: { task: { kind: 'modular-addition', p: 'x' } } };
    assert.throws(() => runConfigOf(stored), /cannot read at task\.p: /);
    assert.equal(tryRunConfigOf(stored), undefined);
  });
});
