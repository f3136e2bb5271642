/** zod schemas of everything a completeness webview may send (validated by the host). */
import { z } from 'zod';
import { commonRequestSchemas, commonResultSchemas } from './panelSchemas';

export const completenessMessageSchemas = {
  requests: {
    ...commonRequestSchemas,
    'completeness/load': z.object({}).strict(),
  },
  results: { ...commonResultSchemas },
  events: {},
};
