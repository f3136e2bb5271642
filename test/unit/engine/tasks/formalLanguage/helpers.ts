/** Test helpers: words written as text (a b c or ( ) [ ], with ^ = SOS, $ = EOS, _ = PAD). */
import { experimentConfigSchema } from '../../../../../src/shared/experimentConfig';
import type { FormalLanguageConfig } from '../../../../../src/engine/tasks/formalLanguage/languages';

const ids: Record<string, number> = {
  '^': 0,
  $: 1,
  _: 2,
  a: 3,
  b: 4,
  c: 5,
  '(': 3,
  ')': 4,
  '[': 5,
  ']': 6,
};

/** Token ids of a text word; spaces are ignored. */
export function t(text: string): number[] {
  return [...text.replace(/ /g, '')].map((ch) => {
    const id = ids[ch];
    if (id === undefined) {
      throw new Error(`unknown symbol ${ch}`);
    }
    return id;
  });
}

/** Text of anbn-family token ids (a b c). */
export function letters(tokens: ArrayLike<number>): string {
  return Array.from(tokens, (x) => '^$_abc'[x]).join('');
}

/** Text of bracket token ids. */
export function brackets(tokens: ArrayLike<number>): string {
  return Array.from(tokens, (x) => '^$_()[]'[x]).join('');
}

/** A validated formal-language config with defaults filled in. */
export function formalConfig(raw: object): FormalLanguageConfig {
  const task = experimentConfigSchema.parse({ task: { kind: 'formal-language', ...raw } }).task;
  if (task.kind !== 'formal-language') {
    throw new Error('not a formal-language task');
  }
  return task;
}
