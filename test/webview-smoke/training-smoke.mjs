// Smoke test of the training webview in real headless Chromium, under the exact page and CSP the
// extension serves (src/panels/html.ts): Plotly must render and stream, no CSP violation may
// occur, exports must produce real PNG/SVG/CSV/JSON files, and theme changes must recolour.
// VS Code is replaced by test/webview-smoke/stub.js. The completeness page (served at
// /completeness with completeness-stub.js) is checked by completeness-case.mjs, the
// rule-extrapolation page (/extrapolation, extrapolation-stub.js) by extrapolation-case.mjs, the
// universality page (/universality, universality-stub.js) by universality-case.mjs, the POLCA
// page (/polca, polca-stub.js) by polca-case.mjs. Needs
// `npm run build` and the browser tools of scripts/setup-vscode-e2e.sh (Debian chromium +
// playwright-core).
//
//   node --import tsx test/webview-smoke/training-smoke.mjs [--strict-styles] [--out DIR]
//
// --strict-styles drops 'unsafe-inline' from style-src to show what Plotly needs it for.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { html } from '../../src/panels/html.ts';
import { completenessCase } from './completeness-case.mjs';
import { embeddingCase } from './embedding-case.mjs';
import { extrapolationCase } from './extrapolation-case.mjs';
import { polcaCase } from './polca-case.mjs';
import { universalityCase } from './universality-case.mjs';

const repo = path.resolve(import.meta.dirname, '../..');
const strictStyles = process.argv.includes('--strict-styles');
const outArg = process.argv.indexOf('--out');
const outDir =
  outArg > 0
    ? path.resolve(process.argv[outArg + 1])
    : path.join(repo, 'test-results/webview-smoke');

function tool(key, fallback) {
  if (process.env[key]) return process.env[key];
  const env = path.join(
    process.env.VSCODE_E2E_TOOLS ?? path.join(os.homedir(), '.cache/vscode-e2e'),
    'env.sh',
  );
  const m =
    fs.existsSync(env) &&
    new RegExp(`^export ${key}="?([^"\\n]*)"?$`, 'm').exec(fs.readFileSync(env, 'utf8'));
  return m ? m[1] : fallback;
}

const themeCss = `:root {
  --vscode-editor-background: #1f1f1f; --vscode-editor-foreground: #cccccc;
  --vscode-foreground: #cccccc; --vscode-descriptionForeground: #9d9d9d;
  --vscode-font-family: system-ui, sans-serif; --vscode-font-size: 13px;
  --vscode-charts-lines: rgba(204, 204, 204, 0.3); --vscode-charts-blue: #3794ff;
  --vscode-charts-orange: #d18616; --vscode-charts-green: #89d185;
  --vscode-button-background: #0078d4; --vscode-button-foreground: #ffffff;
  --vscode-badge-background: #616161; --vscode-badge-foreground: #f8f8f8;
}`;

/** The pages served: each view's stub, Plotly and the view's bundle, under the real CSP. */
const pages = {
  '/': { title: 'Training', stub: 'stub.js', view: 'training' },
  '/completeness': { title: 'Completeness', stub: 'completeness-stub.js', view: 'completeness' },
  '/embedding': { title: 'Embedding', stub: 'embedding-stub.js', view: 'embedding' },
  '/extrapolation': {
    title: 'Rule Extrapolation',
    stub: 'extrapolation-stub.js',
    view: 'extrapolation',
  },
  '/universality': {
    title: 'Universality',
    stub: 'universality-stub.js',
    view: 'universality',
  },
  '/polca': { title: 'POLCA', stub: 'polca-stub.js', view: 'polca' },
};
/** The fake host the stubs of every page but the training one build on. */
const stubHost = 'stub-host.js';
const stubScripts = (spec) => (spec.stub === 'stub.js' ? [spec.stub] : [stubHost, spec.stub]);
function serve(dir) {
  const nonce = randomBytes(16).toString('base64');
  const types = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html' };
  const server = http.createServer((req, res) => {
    const origin = `http://${req.headers.host}`;
    const url = new URL(req.url, origin);
    const spec = pages[url.pathname];
    if (spec) {
      const page = html({
        title: spec.title,
        scriptUris: [...stubScripts(spec), 'plotly-strict.min.js', `${spec.view}.js`].map(
          (f) => `${origin}/${f}`,
        ),
        styleUris: [`${origin}/theme.css`, `${origin}/${spec.view}.css`],
        nonce,
        cspSource: origin,
      });
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(strictStyles ? page.replace(/ (&#39;|')unsafe-inline(&#39;|')/, '') : page);
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end(); // browsers ask for it; VS Code's webviews do not
      return;
    }
    const name = path.basename(url.pathname);
    const stubs = [stubHost, ...Object.values(pages).map((p) => p.stub)];
    const file = stubs.includes(name) ? path.join(import.meta.dirname, name) : path.join(dir, name);
    if (name === 'theme.css') {
      res.writeHead(200, { 'content-type': 'text/css' });
      res.end(themeCss);
    } else if (fs.existsSync(file)) {
      res.writeHead(200, {
        'content-type': types[path.extname(file)] ?? 'application/octet-stream',
      });
      fs.createReadStream(file).pipe(res);
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const checks = [];
function check(name, ok, detail = '') {
  checks.push({ name, ok });
  console.log(`${ok ? '✔' : '✖'} ${name}${detail ? ` (${detail})` : ''}`);
}

async function exportChecks(page) {
  const ids = await page.evaluate(() =>
    ['png', 'svg', 'csv', 'json'].map((f) => window.smoke.render(f)),
  );
  await page.waitForFunction((n) => n.every((id) => window.smoke.renders[id]), ids, {
    timeout: 30_000,
  });
  const replies = await page.evaluate((n) => n.map((id) => window.smoke.renders[id]), ids);
  const [png, svg, csv, json] = replies.map((r) => r.r);
  const pngBytes = png ? Buffer.from(png.data, 'base64') : Buffer.alloc(0);
  check(
    'figure/render png is a PNG file',
    pngBytes.subarray(1, 4).toString() === 'PNG',
    `${pngBytes.length} bytes`,
  );
  if (pngBytes.length > 0) fs.writeFileSync(path.join(outDir, png.fileName), pngBytes);
  check('figure/render svg is an SVG document', /^<svg[\s\S]*<\/svg>$/.test(svg?.data ?? ''));
  check(
    'figure/render csv has a header and rows',
    (csv?.data ?? '').startsWith('run,step,lr,') && csv.data.split('\r\n').length > 30,
  );
  check('figure/render json lists the run', JSON.parse(json?.data ?? '{}').runs?.length === 1);
  await page.click('#export');
  await page.waitForFunction(() => window.smoke.exports.length > 0, null, { timeout: 30_000 });
  const exported = await page.evaluate(() => window.smoke.exports[0]);
  check(
    'the Export button sends a PNG to the host',
    exported.format === 'png' && exported.encoding === 'base64',
  );
}

async function themeCheck(page) {
  const before = await page.evaluate(() => document.querySelector('.main-svg').style.background);
  await page.evaluate(() => {
    const root = document.documentElement.style;
    root.setProperty('--vscode-editor-background', '#ffffff');
    root.setProperty('--vscode-editor-foreground', '#3b3b3b');
    root.setProperty('--vscode-foreground', '#3b3b3b');
    document.body.classList.replace('vscode-dark', 'vscode-light');
  });
  await page
    .waitForFunction((b) => document.querySelector('.main-svg').style.background !== b, before, {
      timeout: 5000,
    })
    .catch(() => undefined);
  const after = await page.evaluate(() => document.querySelector('.main-svg').style.background);
  check(
    'a theme change recolours the figure',
    before !== after && /255, 255, 255|#ffffff/.test(after),
    `${before} → ${after}`,
  );
}

async function main() {
  const { chromium } = createRequire(import.meta.url)(
    tool('VSCODE_E2E_PLAYWRIGHT', 'playwright-core'),
  );
  fs.mkdirSync(outDir, { recursive: true });
  const server = await serve(path.join(repo, 'dist/webview'));
  const browser = await chromium.launch({
    executablePath: tool('VSCODE_E2E_CHROMIUM', '/usr/bin/chromium'),
    args: ['--no-sandbox'],
  });
  const errors = [];
  try {
    const page = await browser.newPage({ viewport: { width: 900, height: 760 } });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForSelector('.js-plotly-plot .scatterlayer .trace', { timeout: 30_000 });
    check('Plotly draws four traces', (await page.locator('.scatterlayer .trace').count()) === 4);
    await page.waitForFunction(() => window.smoke.streamed >= 20, null, { timeout: 30_000 });
    await page.waitForFunction(() => /step 1000 of 3000/i.test(document.body.innerText), null, {
      timeout: 10_000,
    });
    check(
      'streamed deltas reach the step counter and the summary',
      /Latest \(step 1000\)/.test(await page.locator('#summary').innerText()),
    );
    const modebar = await page.evaluate(
      () => getComputedStyle(document.querySelector('.modebar')).position,
    );
    check("Plotly's own style rules apply (mode bar positioned)", modebar === 'absolute', modebar);
    check(
      'the saved state holds the panel key',
      (await page.evaluate(() => window.smoke.state?.key)) === '/runs/modadd/20260101T000000Z-smk1',
    );
    await page.screenshot({ path: path.join(outDir, 'training.png') });
    await exportChecks(page);
    await themeCheck(page);
    await page.screenshot({ path: path.join(outDir, 'training-light.png') });
    const violations = await page.evaluate(() => window.smoke.cspViolations);
    check('no CSP violation', violations.length === 0, violations.slice(0, 5).join('; '));
    check('no page errors', errors.length === 0, errors.slice(0, 5).join('; '));
    const origin = `http://127.0.0.1:${server.address().port}`;
    await completenessCase(browser, `${origin}/completeness`, check, outDir);
    await embeddingCase(browser, `${origin}/embedding`, check, outDir);
    await extrapolationCase(browser, `${origin}/extrapolation`, check, outDir);
    await universalityCase(browser, `${origin}/universality`, check, outDir);
    await polcaCase(browser, `${origin}/polca`, check, outDir);
  } finally {
    await browser.close();
    server.close();
  }
  const failed = checks.filter((c) => !c.ok).length;
  console.log(`screenshots: ${outDir}`);
  console.log(`${checks.length - failed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

await main();
