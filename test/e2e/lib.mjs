// Shared by the end-to-end drivers: starts a throwaway code-server (the real VS Code server and
// web workbench) and Debian's chromium through playwright-core. Tool paths come from the
// VSCODE_E2E_* environment variables or, when unset, from the env.sh that
// scripts/setup-vscode-e2e.sh writes (in $VSCODE_E2E_TOOLS, default ~/.cache/vscode-e2e).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Repository root (the extensionDevelopmentPath). */
export const repoRoot = path.resolve(import.meta.dirname, '../..');

const toolsDir = process.env.VSCODE_E2E_TOOLS ?? path.join(os.homedir(), '.cache/vscode-e2e');
const envFile = path.join(toolsDir, 'env.sh');
if (!process.env.VSCODE_E2E_CODE_SERVER && fs.existsSync(envFile)) {
  for (const m of fs.readFileSync(envFile, 'utf8').matchAll(/^export (\w+)="?([^"\n]*)"?$/gm)) {
    process.env[m[1]] ??= m[2];
  }
}

/** @param {string} key */
function need(key) {
  const v = process.env[key];
  if (!v) {
    throw new Error(`${key} is not set: run scripts/setup-vscode-e2e.sh first`);
  }
  return v;
}

/** @returns {Promise<number>} */
const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (s.address());
      s.close(() => resolve(port));
    });
  });

/** User settings of every test profile: quiet, offline, trusted. */
export const DEFAULT_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'workbench.startupEditor': 'none',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'json.schemaDownload.enable': false,
  'npm.fetchOnlinePackageInfo': false,
  // Run Sweep asks local or Slurm when sbatch is on the PATH; the tests say which they mean.
  'replens.sweep.executor': 'local',
};

/** Makes a temp folder with a fresh copy of a fixture workspace; returns both paths. */
export function copyWorkspace(fixture = path.join(repoRoot, 'test/fixtures/workspace')) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-e2e-'));
  const folder = path.join(tmp, path.basename(fixture));
  fs.cpSync(fixture, folder, { recursive: true });
  return { tmp, folder };
}

/**
 * Starts code-server on 127.0.0.1:<free port> with fresh user-data and extensions folders.
 * `env` is added to the server's environment, which its extension hosts inherit.
 * @param {{ settings?: object, env?: Record<string, string>, log?: (...a: unknown[]) => void }} [o]
 */
export async function startCodeServer({ settings = {}, env = {}, log = () => {} } = {}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vscode-e2e-'));
  for (const d of ['ud/User', 'ext', 'cfg', 'data']) {
    fs.mkdirSync(path.join(tmp, d), { recursive: true });
  }
  const allSettings = { ...DEFAULT_SETTINGS, ...settings };
  fs.writeFileSync(path.join(tmp, 'ud/User/settings.json'), JSON.stringify(allSettings, null, 1));
  // Without --config, code-server writes ~/.config/code-server/config.yaml.
  fs.writeFileSync(path.join(tmp, 'cfg/config.yaml'), 'auth: none\ncert: false\n');
  const port = await freePort();
  const args = [
    need('VSCODE_E2E_CODE_SERVER'),
    ...['--config', path.join(tmp, 'cfg/config.yaml'), '--auth', 'none'],
    ...['--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', path.join(tmp, 'ud')],
    ...['--extensions-dir', path.join(tmp, 'ext'), '--disable-telemetry'],
    ...[
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
    ],
    // Lets the built workbench honour extensionDevelopmentPath/extensionTestsPath in the URL.
    ...['--vscode-option', 'enable-smoke-test-driver'],
  ];
  const proc = spawn(need('VSCODE_E2E_NODE'), args, {
    env: {
      ...process.env,
      ...env,
      XDG_CONFIG_HOME: path.join(tmp, 'cfg'),
      XDG_DATA_HOME: path.join(tmp, 'data'),
      EXTENSIONS_GALLERY: '{}', // no marketplace: nothing to reach offline
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logFile = path.join(tmp, 'code-server.log');
  const out = fs.createWriteStream(logFile);
  proc.stdout.pipe(out);
  proc.stderr.pipe(out);
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) {
        break;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || proc.exitCode !== null) {
      proc.kill('SIGTERM');
      throw new Error(`code-server did not start, see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  log(`code-server pid ${proc.pid} on 127.0.0.1:${port}, profile in ${tmp}`);
  const authority = `127.0.0.1:${port}`;
  return {
    authority,
    tmp,
    logFile,
    /**
     * Workbench URL opening `folder`; absolute paths in the payload become remote URIs.
     * @param {string} folder
     * @param {[string, string][]} [payload] e.g. [['extensionDevelopmentPath', repoRoot]]
     */
    url(folder, payload = []) {
      const p = payload.map(([k, v]) => [
        k,
        v.startsWith('/') ? `vscode-remote://${authority}${v}` : v,
      ]);
      const q = p.length > 0 ? `&payload=${encodeURIComponent(JSON.stringify(p))}` : '';
      return `http://${authority}/?folder=${encodeURIComponent(folder)}${q}`;
    },
    /** Stops code-server; keeps its profile (logs) when `keep`, else deletes it. */
    async stop({ keep = false } = {}) {
      if (proc.exitCode === null) {
        proc.kill('SIGTERM');
        await exited;
      }
      await new Promise((r) => out.end(r));
      if (keep || process.env.KEEP_VSCODE_E2E_TMP) {
        log(`kept ${tmp} (code-server.log, ud/logs/*/exthost*/)`);
      } else {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    },
  };
}

/** Launches headless Debian chromium through playwright-core. */
export function launchChromium() {
  const { chromium } = createRequire(import.meta.url)(need('VSCODE_E2E_PLAYWRIGHT'));
  return chromium.launch({
    executablePath: process.env.VSCODE_E2E_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      ...['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic'],
      ...['--disable-background-networking', '--disable-component-update', '--disable-sync'],
      '--no-first-run',
    ],
  });
}

/** A logger prefixing the driver's name and the seconds since it started. */
export function timedLog(name) {
  const t0 = Date.now();
  return (...a) => console.log(`[${name} ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
}
