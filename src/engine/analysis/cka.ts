/** CKA: the suite lives in ./cka/ (see ./cka/index.ts); this path keeps existing imports working. */
export * from './cka/index';
