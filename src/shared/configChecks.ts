/**
 * Semantic checks on a schema-valid config: things JSON Schema cannot say (prime moduli, split
 * sizes, family-tree sizes and relations, addition operand counts, sweep paths). Errors stop a run;
 * warnings are shown but do not.
 */
import { additionPairTotal } from './tasks/additionLayout';
import { MAX_FAMILY_PAIRS, familyTreeSize } from './tasks/familyTreeSizes';
import { analyses } from './analyses';
import { analysisOptionIssues } from './analysisOptions';
import type { ExperimentConfig, FamilyRelation, TaskConfig } from './experimentConfig';
import type { UnpositionedProblem } from './parseConfig';
import { err, warn } from './problems';
import { familySplitChecks, givenSplitChecks } from './splitChecks';
import { isPrime, positivePairs, taskSize } from './taskSizes';

/** Config sections a sweep grid may vary. */
const sweepableSections = ['task', 'model', 'train', 'checkpoints'];

/** Returns the semantic problems of a config that already passed the schema. */
export function semanticChecks(config: ExperimentConfig): UnpositionedProblem[] {
  return [
    ...modelChecks(config),
    ...taskChecks(config),
    ...trainChecks(config),
    ...sweepChecks(config),
  ];
}

/** Task kinds whose examples are token sequences (read by sequence models). */
const sequenceTasks: readonly string[] = ['formal-language', 'addition'];

function modelChecks(config: ExperimentConfig): UnpositionedProblem[] {
  const { model, task } = config;
  if (task.kind === 'family-tree' && model.kind !== 'embed-mlp') {
    return [
      err(
        ['model', 'kind'],
        `task "family-tree" needs model.kind "embed-mlp" (an embedding of both persons and an MLP), not "${model.kind}"`,
      ),
    ];
  }
  const sequenceModel = model.kind === 'transformer' || model.kind === 'lstm';
  const sequenceTask = sequenceTasks.includes(task.kind);
  if (sequenceModel && !sequenceTask) {
    return [
      err(
        ['model', 'kind'],
        `a ${model.kind} reads token sequences; task "${task.kind}" has pairs (use embed-mlp)`,
      ),
    ];
  }
  if (!sequenceModel && sequenceTask) {
    return [
      err(
        ['model', 'kind'],
        `task "${task.kind}" has token sequences; use a transformer or lstm model`,
      ),
    ];
  }
  if (model.kind === 'transformer' && model.dModel % model.heads !== 0) {
    return [err(['model', 'heads'], `${model.heads} heads do not divide dModel = ${model.dModel}`)];
  }
  return [];
}

function taskChecks(config: ExperimentConfig): UnpositionedProblem[] {
  const { task } = config;
  const out: UnpositionedProblem[] = [];
  if (task.kind === 'modular-addition' && !isPrime(task.p)) {
    out.push(
      warn(
        ['task', 'p'],
        `p = ${task.p} is not prime; the Fourier analysis of the embedding assumes a prime modulus`,
      ),
    );
  }
  if (task.kind === 'remainder-equivalence') {
    if (task.m > task.n) {
      out.push(err(['task', 'm'], `m = ${task.m} exceeds the number of tokens n = ${task.n}`));
    } else if (positivePairs(task.n, task.m) < 2) {
      out.push(err(['task', 'n'], 'too few positive pairs to build a dataset'));
    }
  }
  out.push(...perturbationChecks(config));
  if (task.kind === 'addition') {
    out.push(...additionChecks(task));
  }
  if (task.kind === 'family-tree') {
    return [...out, ...familyTreeChecks(task)];
  }
  if ('split' in task && task.split !== undefined) {
    return [...out, ...givenSplitChecks(task)];
  }
  const size = taskSize(task);
  if (size.train < 1 || size.test < 1) {
    out.push(
      err(
        ['task', 'trainFraction'],
        `split of ${size.examples} examples leaves ${size.train} train and ${size.test} test examples; both must be ≥ 1`,
      ),
    );
  }
  return out;
}

/** A count above the number of operand pairs is capped: say so. */
function additionChecks(task: Extract<TaskConfig, { kind: 'addition' }>): UnpositionedProblem[] {
  const total = additionPairTotal(task.digits);
  if (task.count <= total) {
    return [];
  }
  return [
    warn(
      ['task', 'count'],
      `count = ${task.count} exceeds the ${total} pairs of ${task.digits}-digit operands; all ${total} are used`,
    ),
  ];
}

/** Relations that hold for no pair unless the tree has ≥ 3 generations, or ≥ 2 children each. */
const needsThreeGenerations: readonly FamilyRelation[] = [
  'grandparent',
  'grandchild',
  'cousin',
  'aunt_uncle',
  'niece_nephew',
];
const needsTwoChildren: readonly FamilyRelation[] = [
  'sibling',
  'cousin',
  'aunt_uncle',
  'niece_nephew',
  'same_generation',
];

/** Size limit, duplicate relations, relations without positives, and the split sizes. */
function familyTreeChecks(
  task: Extract<TaskConfig, { kind: 'family-tree' }>,
): UnpositionedProblem[] {
  const size = familyTreeSize(task);
  if (size.examples > MAX_FAMILY_PAIRS) {
    return [
      err(
        ['task', 'generations'],
        `generations = ${task.generations} and children = ${task.children} give ${size.persons} persons and ${size.examples} ordered pairs; at most ${MAX_FAMILY_PAIRS} pairs are supported`,
      ),
    ];
  }
  const out: UnpositionedProblem[] = [];
  task.relations.forEach((r, i) => {
    if (task.relations.indexOf(r) < i) {
      out.push(err(['task', 'relations', i], `relation "${r}" is listed twice`));
    }
  });
  const empty = [...new Set(task.relations)].filter(
    (r) =>
      (task.generations < 3 && needsThreeGenerations.includes(r)) ||
      (task.children < 2 && needsTwoChildren.includes(r)),
  );
  if (empty.length > 0) {
    out.push(
      warn(
        ['task', 'relations'],
        `${empty.join(', ')} hold${empty.length === 1 ? 's' : ''} for no pair of a tree with generations = ${task.generations} and children = ${task.children}`,
      ),
    );
  }
  out.push(...familySplitChecks(task, size));
  return out;
}

function perturbationChecks(config: ExperimentConfig): UnpositionedProblem[] {
  const { task, model } = config;
  const perturbation = model.kind === 'embed-mlp' ? model.embedPerturbation : undefined;
  if (perturbation === undefined) {
    return [];
  }
  if (task.kind !== 'modular-addition') {
    return [
      err(
        ['model', 'embedPerturbation'],
        'a spectrum perturbation needs the modular-addition task (its frequencies are DFT frequencies mod p)',
      ),
    ];
  }
  const half = Math.floor((task.p - 1) / 2);
  return perturbation.frequencies.flatMap((k, i) =>
    k > half
      ? [
          err(
            ['model', 'embedPerturbation', 'frequencies', i],
            `frequency ${k} is outside 1..${half} for p = ${task.p}`,
          ),
        ]
      : [],
  );
}

function trainChecks(config: ExperimentConfig): UnpositionedProblem[] {
  const { train, checkpoints } = config;
  const out: UnpositionedProblem[] = [];
  const size = taskSize(config.task);
  // Oracle and adversarial training add rows; a sweep may switch the training variant.
  const rows = size.train + (size.extraRows ?? 0);
  const variesRows = 'task.training' in config.sweep.grid;
  if (typeof train.batchSize === 'number' && train.batchSize > rows && !variesRows) {
    out.push(
      warn(
        ['train', 'batchSize'],
        `batch size ${train.batchSize} exceeds the ${rows} training examples; full batch is used`,
      ),
    );
  }
  if (checkpoints.logSpaced > train.steps) {
    out.push(
      warn(
        ['checkpoints', 'logSpaced'],
        `more log-spaced checkpoints (${checkpoints.logSpaced}) than steps (${train.steps})`,
      ),
    );
  }
  config.analyses.forEach((a, i) => {
    const why = analyses[a.kind].appliesTo(config);
    if (why !== undefined) {
      out.push(warn(['analyses', i, 'kind'], `"${a.kind}" does not apply to this config: ${why}`));
    }
    for (const { severity, path, message } of analysisOptionIssues(a)) {
      out.push({ severity, path: ['analyses', i, ...path], message });
    }
  });
  return out;
}

function sweepChecks(config: ExperimentConfig): UnpositionedProblem[] {
  const out: UnpositionedProblem[] = [];
  for (const key of Object.keys(config.sweep.grid)) {
    const section = key.split('.')[0];
    if (!sweepableSections.includes(section) || key.split('.').length < 2) {
      out.push(
        err(
          ['sweep', 'grid', key],
          `"${key}" is not a config path a sweep can vary (use e.g. "model.embedDim")`,
        ),
      );
    }
  }
  return out;
}
