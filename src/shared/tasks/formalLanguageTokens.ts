/**
 * The token table of the four formal languages: token ids, names and vocabulary sizes. Pure, so
 * shared code (config checks, previews) can size a formal-language task; the engine's
 * generators, rules and dataset builders use the same ids.
 */
import type { TaskConfig } from '../experimentConfig';

export type FormalLanguageConfig = Extract<TaskConfig, { kind: 'formal-language' }>;
export type FormalLanguage = FormalLanguageConfig['language'];

/** Special tokens (S2b ids), shared by every language. */
export const SOS = 0;
export const EOS = 1;
export const PAD = 2;
/** Letters of aⁿbⁿ and aⁿbⁿcⁿ. */
export const A = 3;
export const B = 4;
export const C = 5;
/** Letters of the bracket languages. */
export const OPEN_PAREN = 3;
export const CLOSE_PAREN = 4;
export const OPEN_BRACKET = 5;
export const CLOSE_BRACKET = 6;

const SPECIAL_NAMES = ['SOS', 'EOS', 'PAD'];

/** Token names by id: SOS, EOS, PAD, then the letters (vocab = their number). */
export function tokenNames(language: FormalLanguage): string[] {
  switch (language) {
    case 'anbn':
      return [...SPECIAL_NAMES, 'a', 'b'];
    case 'anbncn':
      return [...SPECIAL_NAMES, 'a', 'b', 'c'];
    case 'dyck':
    case 'cs-dyck':
      return [...SPECIAL_NAMES, '(', ')', '[', ']'];
  }
}

/** Vocabulary size: 5 (aⁿbⁿ), 6 (aⁿbⁿcⁿ), 7 (Dyck, cs-Dyck). */
export function vocabSize(language: FormalLanguage): number {
  return tokenNames(language).length;
}

/** Short display name (aⁿbⁿ, aⁿbⁿcⁿ, Dyck-2, cs-Dyck). */
export function languageLabel(language: FormalLanguage): string {
  const labels: Record<FormalLanguage, string> = {
    anbn: 'aⁿbⁿ',
    anbncn: 'aⁿbⁿcⁿ',
    dyck: 'Dyck-2',
    'cs-dyck': 'cs-Dyck',
  };
  return labels[language];
}

/** Whether the language is a bracket language (Dyck or cs-Dyck). */
export function isBracketLanguage(language: FormalLanguage): boolean {
  return language === 'dyck' || language === 'cs-dyck';
}
