/** A tiny element builder for views' DOM glue (text only through `textContent`, never HTML). */

type Attrs = Record<string, string | boolean | undefined>;

/** Creates an element with attributes (`true` → empty attribute, false/undefined → none). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  children: (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === true) {
      el.setAttribute(name, '');
    } else if (typeof value === 'string') {
      el.setAttribute(name, value);
    }
  }
  el.append(...children);
  return el;
}

/** The element with an id, or an error naming the id (a broken page should fail loudly). */
export function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (el === null) {
    throw new Error(`#${id} is missing`);
  }
  return el as T;
}
