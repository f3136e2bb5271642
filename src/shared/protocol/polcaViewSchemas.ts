/** zod schemas of everything a POLCA webview may send (validated by the host). */
import { z } from 'zod';
import { commonRequestSchemas, commonResultSchemas } from './panelSchemas';
import { polcaFeatures } from '../polcaResults';
import { polcaJobs } from './polcaView';

const count = (max: number) => z.int().min(1).max(max);

/** Options of the standalone Hessian (and the Hessian part of POLCA). */
const hessianOptions = {
  k: count(200).optional(),
  iterations: count(2000).optional(),
  examples: count(100_000).optional(),
  seed: z
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
};

/** Options of a Hessian request (and of a config's `{ "kind": "hessian", … }` entry). */
export const hessianOptionsSchema = z.object(hessianOptions).strict();

/** Options of a POLCA request (and of a config's `{ "kind": "polca", … }` entry). */
export const polcaOptionsSchema = z
  .object({
    ...hessianOptions,
    checkpoints: z.int().min(2).max(10_000).optional(),
    analysisExamples: count(100_000).optional(),
    allocation: z.enum(['taylor', 'path']).optional(),
    /** A skill label name, e.g. carryIn. */
    skill: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/)
      .optional(),
    noControls: z.boolean().optional(),
    minGroup: count(100_000).optional(),
    features: z.enum(polcaFeatures).optional(),
  })
  .strict();

export const polcaMessageSchemas = {
  requests: {
    ...commonRequestSchemas,
    'polca/load': z.object({ options: polcaOptionsSchema.optional() }).strict(),
    'polca/hessian': z.object({ options: hessianOptionsSchema.optional() }).strict(),
    'polca/cancel': z.object({ job: z.enum(polcaJobs) }).strict(),
  },
  results: { ...commonResultSchemas },
  events: {},
};
