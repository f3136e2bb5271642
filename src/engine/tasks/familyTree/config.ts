/** The config section of the family-tree task. */
import type { TaskConfig } from '../../../shared/experimentConfig';

export type FamilyTreeConfig = Extract<TaskConfig, { kind: 'family-tree' }>;
