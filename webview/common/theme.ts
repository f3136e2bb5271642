/**
 * Reads the VS Code theme from the page (VS Code sets `--vscode-*` variables on `<html>` and a
 * `vscode-light`/`vscode-dark`/`vscode-high-contrast` class on `<body>`) and reports changes, so
 * figures can be re-coloured when the user switches themes.
 */
import { type PlotTheme, themeFrom } from './plotTheme';

/** The theme kind from the body classes. */
function themeKind(): PlotTheme['kind'] {
  const c = document.body.classList;
  if (c.contains('vscode-high-contrast') || c.contains('vscode-high-contrast-light')) {
    return 'high-contrast';
  }
  return c.contains('vscode-light') ? 'light' : 'dark';
}

/** The current plot theme. */
export function readTheme(): PlotTheme {
  const style = getComputedStyle(document.documentElement);
  return themeFrom(themeKind(), (name) => style.getPropertyValue(name));
}

/** Calls `cb` with the new theme after each theme change (at most once per frame); unsubscribe. */
export function onThemeChange(cb: (theme: PlotTheme) => void): () => void {
  let scheduled = false;
  const observer = new MutationObserver(() => {
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(() => {
        scheduled = false;
        cb(readTheme());
      });
    }
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
  return () => observer.disconnect();
}
