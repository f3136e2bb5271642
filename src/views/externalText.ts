/** Texts of external folders in the runs tree (descriptions, tooltips). Pure. */
import type { ExternalLayoutName, ExternalNode } from './runsTreeNodes';
import { esc } from './runsTreeText';

const layoutNames: Record<ExternalLayoutName, string> = {
  activations: 'activations',
  'hf-trainer': 'Hugging Face Trainer',
};

/** `external · activations`, or `external · <why it cannot be read>`. */
export function externalDescription(node: ExternalNode): string {
  return `external · ${node.layout === undefined ? (node.error ?? 'unreadable') : layoutNames[node.layout]}`;
}

/** The tooltip (markdown): name, layout or error, folder. */
export function externalTooltip(node: ExternalNode): string {
  const lines = [
    `**${esc(node.name)}** (external folder)`,
    '',
    node.layout === undefined
      ? `- Error: ${esc(node.error ?? 'unreadable')}`
      : `- Layout: ${layoutNames[node.layout]}`,
    `- Folder: \`${node.dir}\``,
    '- Remove from Replens forgets it; its files stay as they are.',
  ];
  return lines.join('\n');
}
