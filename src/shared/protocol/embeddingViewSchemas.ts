/** zod schemas of everything a embedding webview may send (validated by the host). */
import { z } from 'zod';
import type { EmbeddingProjectionRequest } from '../embeddingResults';
import { commonRequestSchemas, commonResultSchemas } from './panelSchemas';

/** A projection choice: a frequency of at most p ≤ 1000 tokens, masks of at most 8 bits. */
export const projectionRequestSchema: z.ZodType<EmbeddingProjectionRequest> = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('pca') }).strict(),
    z.object({ kind: z.literal('fourier'), k: z.int().min(1).max(500).optional() }).strict(),
    z
      .object({
        kind: z.literal('walsh'),
        masks: z.array(z.int().min(1).max(255)).min(2).max(3).optional(),
      })
      .strict(),
    z.object({ kind: z.literal('line') }).strict(),
  ],
);

export const embeddingMessageSchemas = {
  requests: {
    ...commonRequestSchemas,
    'embedding/trajectory': z
      .object({
        k: z.union([z.literal(2), z.literal(3)]),
        projection: projectionRequestSchema.optional(),
      })
      .strict(),
  },
  results: { ...commonResultSchemas },
  events: {},
};
