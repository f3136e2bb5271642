/**
 * The HTML page of every Replens webview, as a pure function (no vscode import, unit-tested).
 * The page carries no data: only our bundles as scripts (each with the nonce) and stylesheets;
 * the view asks for its data with the `view/ready` request once its script runs.
 */

/** Everything `html()` needs; URIs are already webview URIs (`webview.asWebviewUri`). */
export interface HtmlOptions {
  /** Document title (panel titles are set by the host; this one is for assistive tech). */
  title: string;
  /** Scripts in load order, e.g. Plotly first, then the view's bundle. */
  scriptUris: readonly string[];
  styleUris: readonly string[];
  /** A fresh random value per page load; the only way a script may run. */
  nonce: string;
  /** `webview.cspSource`: the origin our files are served from. */
  cspSource: string;
}

/**
 * The Content-Security-Policy of every page.
 * - Scripts: only those carrying the nonce. Never `'unsafe-eval'`: the strict Plotly bundle
 *   needs no `Function()`/`eval`.
 * - Styles: our stylesheets, plus `'unsafe-inline'` because Plotly (4.1) adds its own
 *   rules at run time through `<style>` elements it creates (`addStyleRule`). Checked in headless
 *   Chromium (`test/webview-smoke/training-smoke.mjs --strict-styles`): without it those elements
 *   are blocked (`style-src-elem`) and the mode bar and legend lose their positioning. No nonce
 *   in `style-src`: a nonce there would switch `'unsafe-inline'` off. Scripts stay nonce-only.
 * - Images: our files plus `data:`/`blob:`, which `Plotly.toImage` uses to rasterise SVG.
 */
export function contentSecurityPolicy(nonce: string, cspSource: string): string {
  return [
    `default-src 'none'`,
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `img-src ${cspSource} data: blob:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c]);
}

/** The whole page: CSP meta, stylesheets, an empty `#app` root and the nonce'd scripts. */
export function html(o: HtmlOptions): string {
  const nonce = escapeHtml(o.nonce);
  const styles = o.styleUris
    .map((u) => `    <link rel="stylesheet" href="${escapeHtml(u)}" />`)
    .join('\n');
  const scripts = o.scriptUris
    .map((u) => `    <script nonce="${nonce}" src="${escapeHtml(u)}"></script>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(o.nonce, o.cspSource))}" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <title>${escapeHtml(o.title)}</title>
${styles}
  </head>
  <body>
    <div id="app"></div>
${scripts}
  </body>
</html>
`;
}
