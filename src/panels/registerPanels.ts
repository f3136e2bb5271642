/** Training panel, figure export, open/compare runs commands, panel serializers. */
import type * as vscode from 'vscode';
import type { Services } from '../services';
import { registerCompletenessCommands } from './completenessCommands';
import { registerExtrapolationCommands } from './extrapolationCommands';
import { registerPanelSerializer } from './panelHost';
import { registerPolcaCommands } from './polcaCommands';
import { restoreTrainingPanel, trainingViewType } from './trainingPanel';
import { registerUniversalityCommands } from './universalityCommands';
import { registerViewCommands } from './viewCommands';

/** Registers the view commands and the serializer that restores training panels. */
export function registerPanels(s: Services): vscode.Disposable[] {
  return [
    ...registerViewCommands(s),
    ...registerCompletenessCommands(s),
    ...registerExtrapolationCommands(s),
    ...registerUniversalityCommands(s),
    ...registerPolcaCommands(s),
    registerPanelSerializer(
      trainingViewType,
      (panel, key) => restoreTrainingPanel(s, panel, key),
      s.log,
    ),
  ];
}
