/** zod schemas of everything a embedding webview may send (validated by the host). */
import { z } from 'zod';
import { commonRequestSchemas, commonResultSchemas } from './panelSchemas';

export const embeddingMessageSchemas = {
  requests: {
    ...commonRequestSchemas,
    'embedding/trajectory': z.object({ k: z.union([z.literal(2), z.literal(3)]) }).strict(),
  },
  results: { ...commonResultSchemas },
  events: {},
};
