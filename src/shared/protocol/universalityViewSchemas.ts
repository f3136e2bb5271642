/** zod schemas of everything a universality webview may send (validated by the host). */
import { z } from 'zod';
import type { CkaEstimator } from '../universalityResults';
import { commonRequestSchemas, commonResultSchemas } from './panelSchemas';
import { maxPermutations } from './universalityView';

/** A folder the webview names (the host also checks it lies under the panel's folders). */
const folder = z.string().min(1).max(4096);

const ckaChoice = {
  estimator: z.enum(['linear', 'rbf', 'debiased'] as const satisfies readonly CkaEstimator[]),
  permutations: z.int().min(0).max(maxPermutations),
};

export const universalityMessageSchemas = {
  requests: {
    ...commonRequestSchemas,
    'universality/runs': z.object({}).strict(),
    'universality/ckaLayers': z.object({ runDir: folder, ...ckaChoice }).strict(),
    'universality/ckaRuns': z
      .object({ layer: z.string().min(1).max(200).optional(), ...ckaChoice })
      .strict(),
    'universality/stitching': z.object({ from: folder, to: folder }).strict(),
    'universality/starvation': z.object({ source: folder }).strict(),
  },
  results: { ...commonResultSchemas },
  events: {},
};
