/**
 * Rule-extrapolation metrics of a formal-language model at its current weights: teacher-forced
 * validation loss and accuracy, and greedy completions of the ID and OOD prompts scored by the
 * language's rules (cut at the first EOS). The rule-extrapolation accuracy is the OOD rule-1
 * accuracy: the share of OOD prompts completed so that the rule they did not violate holds.
 */
import type {
  CheckpointExtrapolation,
  SampleCompletion,
} from '../../../shared/extrapolationResults';
import type { TaskConfig } from '../../../shared/experimentConfig';
import { completionMetrics, scoreCompletion } from '../../tasks/formalLanguage/completion';
import { EOS, tokenNames } from '../../tasks/formalLanguage/languages';
import type { TestPrompts } from '../../tasks/formalLanguage/prompts';
import type { Rng } from '../../rng';
import type { Session } from '../../train/session';
import { completePrompts } from './generate';
import { teacherForced } from './teacherForced';

export type FormalLanguageTask = Extract<TaskConfig, { kind: 'formal-language' }>;

/** Greedy completions of both prompt sets. */
export interface Completions {
  id: Int32Array[];
  ood: Int32Array[];
}

/**
 * New tokens a completion may add: enough for the longest rule-following completion of a prompt
 * of length L (2L + 1 for aⁿbⁿcⁿ), within the sequence length the model was trained on.
 */
export function maxNewTokens(task: FormalLanguageTask, seqLen: number): number {
  const promptTokens = task.promptLength + 3; // SOS and a Dyck prefix of two tokens at most
  return Math.max(1, Math.min(2 * task.promptLength + 2, seqLen - promptTokens + 1));
}

/** Completes every prompt greedily with the session's current weights. */
export function completeAll(session: Session, prompts: TestPrompts, maxNew: number): Completions {
  const opts = { maxNewTokens: maxNew, eos: EOS };
  return {
    id: completePrompts(session.model, prompts.id, opts),
    ood: completePrompts(session.model, prompts.ood, opts),
  };
}

/** All metrics of one checkpoint, whose weights the session holds. */
export function evaluateCheckpoint(
  session: Session,
  task: FormalLanguageTask,
  prompts: TestPrompts,
  step: number,
): { metrics: CheckpointExtrapolation; completions: Completions } {
  const seqLen = session.dataset.kind === 'sequences' ? session.dataset.seqLen : 0;
  const completions = completeAll(session, prompts, maxNewTokens(task, seqLen));
  const id = completionMetrics(task.language, prompts.id, completions.id);
  const ood = completionMetrics(task.language, prompts.ood, completions.ood);
  return {
    metrics: {
      step,
      ...teacherForced(session),
      id,
      ood,
      oodR1Accuracy: ood.r1,
      idGrammaticalAccuracy: id.grammatical,
    },
    completions,
  };
}

/**
 * Accuracies of completions sampled at temperature 1 (seeded), beside the greedy ones: how much
 * of the greedy behaviour is the argmax and how much the model's whole distribution.
 */
export function sampledAccuracies(
  session: Session,
  task: FormalLanguageTask,
  prompts: TestPrompts,
  rng: Rng,
): NonNullable<CheckpointExtrapolation['sampled']> {
  const seqLen = session.dataset.kind === 'sequences' ? session.dataset.seqLen : 0;
  const opts = {
    maxNewTokens: maxNewTokens(task, seqLen),
    eos: EOS,
    sample: { temperature: 1, rng },
  };
  return {
    id: completionMetrics(
      task.language,
      prompts.id,
      completePrompts(session.model, prompts.id, opts),
    ),
    ood: completionMetrics(
      task.language,
      prompts.ood,
      completePrompts(session.model, prompts.ood, opts),
    ),
  };
}

/**
 * Up to `perSet` completions of each set for display, rule violations first so that they are
 * visible, then rule-following ones.
 */
export function sampleCompletions(
  task: FormalLanguageTask,
  prompts: TestPrompts,
  completions: Completions,
  perSet = 8,
): SampleCompletion[] {
  const names = tokenNames(task.language);
  const text = (tokens: readonly number[]): string => tokens.map((t) => names[t]).join('');
  const out: SampleCompletion[] = [];
  for (const set of ['ood', 'id'] as const) {
    const scored = prompts[set].map((p, i) => {
      const s = scoreCompletion(task.language, p, completions[set][i]);
      return {
        set,
        prompt: text(Array.from(p.subarray(1))),
        completion: text(s.completion) + (s.finished ? '$' : ''),
        r1: s.r1,
        r2: s.r2,
        grammatical: s.grammatical,
        finished: s.finished,
      };
    });
    const bad = scored.filter((s) => !s.r1 || !s.finished);
    const good = scored.filter((s) => s.r1 && s.finished);
    const half = Math.ceil(perSet / 2);
    const pick = [...bad.slice(0, half), ...good.slice(0, perSet - Math.min(half, bad.length))];
    out.push(...pick.slice(0, perSet));
  }
  return out;
}
