// Writes docs/config.md from the config schema (run with `npm run docs:config`).
import * as fs from 'node:fs';
import { configReference } from '../src/shared/configReference';
import { configJsonSchema } from '../src/shared/emitSchema';

fs.writeFileSync('docs/config.md', configReference(configJsonSchema()));
