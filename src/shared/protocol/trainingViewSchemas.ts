/** zod schemas of everything a training webview may send (validated by the host). */
import { z } from 'zod';
import { commonRequestSchemas, commonResultSchemas } from './panelSchemas';

export const trainingMessageSchemas = {
  requests: {
    ...commonRequestSchemas,
    'run/stop': z.object({ runDir: z.string().min(1).max(4096) }),
  },
  results: { ...commonResultSchemas },
  events: {},
};
