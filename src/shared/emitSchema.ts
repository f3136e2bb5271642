/** Build-time entry: the JSON Schema of `*.replens.json`, emitted from the zod schema. */
import { z } from 'zod';
import { experimentConfigSchema } from './experimentConfig';

/** Returns the JSON Schema (draft 2020-12) describing what a user may write in a config. */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(experimentConfigSchema, { io: 'input', unrepresentable: 'any' });
  return { ...schema, title: 'Replens experiment config' };
}
