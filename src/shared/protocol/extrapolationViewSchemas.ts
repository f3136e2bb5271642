/** zod schemas of everything a rule-extrapolation webview may send (validated by the host). */
import { z } from 'zod';
import { commonRequestSchemas, commonResultSchemas } from './panelSchemas';

export const extrapolationMessageSchemas = {
  requests: {
    ...commonRequestSchemas,
    'extrapolation/load': z.object({}).strict(),
  },
  results: { ...commonResultSchemas },
  events: {},
};
