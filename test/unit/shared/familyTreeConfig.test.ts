import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { familyRelations } from '../../../src/shared/experimentConfig';
import { type ConfigProblem, formatPath, parseConfig } from '../../../src/shared/parseConfig';

/** Problems of a config whose task is a family tree with `task` fields and extra sections. */
function problems(task: object, rest: object = {}): ConfigProblem[] {
  const text = JSON.stringify({ task: { kind: 'family-tree', ...task }, ...rest });
  return parseConfig(text, 'f.replens.json').problems;
}

function errorAt(ps: ConfigProblem[], path: string, pattern: RegExp): void {
  assert.ok(
    ps.some(
      (p) => p.severity === 'error' && formatPath(p.path) === path && pattern.test(p.message),
    ),
    `expected an error at ${path} matching ${pattern}, got ${JSON.stringify(ps.map((p) => [formatPath(p.path), p.message]))}`,
  );
}

describe('family-tree config', () => {
  it('fills every default', () => {
    const { config, problems: ps } = parseConfig('{"task":{"kind":"family-tree"}}');
    assert.deepEqual(ps, []);
    assert.deepEqual(config?.task, {
      kind: 'family-tree',
      generations: 6,
      children: 2,
      shuffleIds: true,
      relations: [...familyRelations],
      split: 'pairs',
      trainFraction: 0.8,
    });
  });

  it('accepts a relation subset and the person split', () => {
    const ps = problems({ relations: ['sibling', 'cousin'], split: 'persons', splitSeed: 3 });
    assert.deepEqual(ps, []);
  });

  it('rejects out-of-range sizes, unknown relations and splits', () => {
    errorAt(problems({ generations: 9 }), 'task.generations', /.+/);
    errorAt(problems({ generations: 1 }), 'task.generations', /.+/);
    errorAt(problems({ children: 0 }), 'task.children', /.+/);
    errorAt(problems({ relations: ['uncle'] }), 'task.relations[0]', /.+/);
    errorAt(problems({ relations: [] }), 'task.relations', /.+/);
    errorAt(problems({ split: 'people' }), 'task.split', /.+/);
    errorAt(problems({ shuffleIds: 'yes' }), 'task.shuffleIds', /.+/);
  });

  it('rejects a relation listed twice', () => {
    errorAt(problems({ relations: ['parent', 'child', 'parent'] }), 'task.relations[2]', /twice/);
  });

  it('needs the embed-mlp model, naming model.kind', () => {
    const ps = problems({}, { model: { kind: 'transformer' } });
    errorAt(ps, 'model.kind', /family-tree.*embed-mlp/);
    errorAt(problems({}, { model: { kind: 'lstm' } }), 'model.kind', /embed-mlp/);
  });

  it('rejects trees with too many pairs', () => {
    errorAt(problems({ generations: 8, children: 4 }), 'task.generations', /ordered pairs/);
  });

  it('rejects person splits without 2 train persons or a held-out person', () => {
    const few = { generations: 3, split: 'persons', trainFraction: 0.2 };
    errorAt(problems(few), 'task.trainFraction', /at least 2 train persons/);
    const all = { generations: 3, split: 'persons', trainFraction: 0.95 };
    errorAt(problems(all), 'task.trainFraction', /held-out person/);
  });

  it('rejects a pair split that leaves no test pair', () => {
    errorAt(
      problems({ generations: 2, children: 1, trainFraction: 0.9 }),
      'task.trainFraction',
      /≥ 1/,
    );
  });

  it('warns about relations that hold for no pair of the tree', () => {
    const ps = problems({ generations: 2, relations: ['parent', 'grandparent', 'cousin'] });
    assert.equal(ps.length, 1);
    assert.equal(ps[0].severity, 'warning');
    assert.equal(formatPath(ps[0].path), 'task.relations');
    assert.match(ps[0].message, /grandparent, cousin hold for no pair/);
    const chain = problems({ children: 1, relations: ['sibling'] });
    assert.match(chain[0].message, /sibling holds for no pair/);
  });
});
