/** zod schemas of everything a checkpoint webview may send (validated by the host). */
import { z } from 'zod';
import { commonRequestSchemas, commonResultSchemas } from './panelSchemas';

export const checkpointMessageSchemas = {
  requests: {
    ...commonRequestSchemas,
    'checkpoint/load': z.object({}).strict(),
  },
  results: { ...commonResultSchemas },
  events: {},
};
