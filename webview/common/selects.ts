/** Filling vscode-single-select elements from option lists. */
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import { byId, h } from './dom';

/** One option of a select: its value and the text shown. */
export interface SelectOption {
  value: string;
  label: string;
}

/**
 * Replaces a select's options when they changed, then sets its value. New options carry the
 * value as `selected`: the select reads its options only after the slot changed, so a value set
 * right after replacing them would be lost.
 */
export function fillSelect(id: string, options: readonly SelectOption[], value: string): void {
  const el = byId<VscodeSingleSelect>(id);
  const signature = options.map((o) => `${o.value}\u0000${o.label}`).join('\n');
  if (el.dataset.options !== signature) {
    el.dataset.options = signature;
    el.replaceChildren(
      ...options.map((o) =>
        h('vscode-option', { value: o.value, selected: o.value === value }, [o.label]),
      ),
    );
  }
  el.value = value;
}

/**
 * Replaces a select's options when they changed (no option marked `selected`), then sets its
 * value.
 */
export function fillSelectElement(
  el: HTMLElement & { value: string },
  options: readonly SelectOption[],
  value: string,
): void {
  const signature = options.map((o) => `${o.value}\u0000${o.label}`).join('\n');
  if (el.dataset.options !== signature) {
    el.dataset.options = signature;
    el.replaceChildren(...options.map((o) => h('vscode-option', { value: o.value }, [o.label])));
  }
  el.value = value;
}
