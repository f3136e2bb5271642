/**
 * `PanelHost`: the one way Replens hosts a webview (training curves, embeddings, the checkpoint
 * editor, …). A view supplies a `PanelSpec` (view type, key, title, bundles, zod schemas of what
 * its webview sends) and a `setup(host)` that returns its request handlers; the host does the rest:
 *
 * - creates the panel beside the active editor, or reveals the one already open for
 *   `viewType + key` (`PanelHost.show`), or adopts a panel VS Code made (`PanelHost.adopt`: a
 *   serializer restore or a custom editor's `resolveCustomEditor`);
 * - allows local resources from `dist/webview` and `media` only, and writes the page with
 *   `html()` (strict CSP with a fresh nonce, no data in the page);
 * - runs a typed `Endpoint` over the webview whose incoming messages are validated with the
 *   spec's zod schemas; events are held until the webview's `view/ready` request was answered,
 *   and again whenever the panel is hidden (without `retainContextWhenHidden` VS Code drops the
 *   page then, and the reloaded page asks `view/ready` again);
 * - answers `figure/export` itself (save dialog + write) and lets commands ask the webview for a
 *   figure through `renderFigure()` (see `activePanel()`);
 * - disposes the endpoint and everything registered with `register()` when the panel closes.
 *
 * Serializers: `registerPanelSerializer(viewType, restore)` restores panels from the `{key}` the
 * webview saved with `setState` (webview/common/vscodeApi.ts); `restore` calls `PanelHost.adopt`.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { Endpoint, type Protocol, type Transport } from '../shared/protocol/endpoint';
import type {
  ExportFormat,
  ExportOutcome,
  FigureFile,
  PanelHostProtocol,
  PanelViewProtocol,
} from '../shared/protocol/panelProtocol';
import { saveFigureFile } from './figureSave';
import { html } from './html';
import { validatingTransport, type WebviewMessageSchemas } from './messageValidation';
import {
  type OpenPanel,
  findPanel,
  forgetPanel,
  rememberPanel,
  setLastActive,
} from './panelRegistry';

export { activePanel, allPanels, findPanel, type OpenPanel } from './panelRegistry';
export { registerPanelSerializer } from './panelSerializer';

type HandlerTable<H extends Protocol> = Parameters<Endpoint<H, Protocol>['handle']>[0];

/** Handlers a view supplies: every request of its protocol except the generic `figure/export`. */
export type ViewHandlers<H extends PanelHostProtocol> = Omit<HandlerTable<H>, 'figure/export'>;

/** Extension-wide things every panel needs. */
export interface PanelContext {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
}

/** The panel context of the extension's services. */
export function panelContext(s: {
  context: { extensionUri: vscode.Uri };
  log: vscode.LogOutputChannel;
}): PanelContext {
  return { extensionUri: s.context.extensionUri, log: s.log };
}

/** What a view tells the host about one panel. */
export interface PanelSpec<H extends PanelHostProtocol, W extends PanelViewProtocol> {
  /** Webview view type (`replens.training`); contribute `onWebviewPanel:<viewType>` too. */
  viewType: string;
  /** Identity within the view type: one panel per key (e.g. a run folder). */
  key: string;
  title: string;
  /** Scripts under `dist/webview`, in load order (e.g. `plotly-strict.min.js`, `training.js`). */
  scripts: readonly string[];
  /** Stylesheets under `dist/webview`. */
  styles?: readonly string[];
  /** zod schemas of every request, result and event the webview sends. */
  schemas: WebviewMessageSchemas<H, W>;
  /** Folder the export save dialog proposes. */
  exportDir?: vscode.Uri;
  iconPath?: vscode.Uri;
}

/**
 * The spec of a panel whose view draws with Plotly: its scripts are Plotly and `<bundle>.js`, its
 * style `<bundle>.css`, its icon Replens'.
 */
export function plotPanelSpec<H extends PanelHostProtocol, W extends PanelViewProtocol>(
  extensionUri: vscode.Uri,
  bundle: string,
  spec: Omit<PanelSpec<H, W>, 'scripts' | 'styles' | 'iconPath'>,
): PanelSpec<H, W> {
  return {
    ...spec,
    scripts: ['plotly-strict.min.js', `${bundle}.js`],
    styles: [`${bundle}.css`],
    iconPath: vscode.Uri.joinPath(extensionUri, 'media', 'replens.svg'),
  };
}

function webviewOptions(ctx: PanelContext): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [
      vscode.Uri.joinPath(ctx.extensionUri, 'dist', 'webview'),
      vscode.Uri.joinPath(ctx.extensionUri, 'media'),
    ],
  };
}

function webviewTransport(webview: vscode.Webview): Transport {
  return {
    post: (msg) => void webview.postMessage(msg),
    onMessage: (cb) => webview.onDidReceiveMessage(cb),
  };
}

/** One webview panel with its endpoint; see the module comment. */
export class PanelHost<H extends PanelHostProtocol, W extends PanelViewProtocol>
  implements OpenPanel, vscode.Disposable
{
  private endpoint: Endpoint<H, W> | undefined;
  private handlers: ViewHandlers<H> | undefined;
  private ready = false;
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  /** Fires once when the panel closes (after the endpoint is gone). */
  readonly onDidDispose = this.disposeEmitter.event;

  /** Reveals the panel open for `spec.viewType + spec.key`, or creates it beside the editor. */
  static show<H extends PanelHostProtocol, W extends PanelViewProtocol>(
    ctx: PanelContext,
    spec: PanelSpec<H, W>,
    setup: (host: PanelHost<H, W>) => ViewHandlers<H>,
  ): OpenPanel {
    const existing = findPanel(spec.viewType, spec.key);
    if (existing !== undefined) {
      existing.panel.reveal(undefined, false);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      spec.viewType,
      spec.title,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      webviewOptions(ctx),
    );
    return PanelHost.adopt(ctx, panel, spec, setup);
  }

  /**
   * Hosts a panel VS Code created: one a serializer restores, or a custom editor's panel (call it
   * from `resolveCustomEditor`, with the document URI as key).
   */
  static adopt<H extends PanelHostProtocol, W extends PanelViewProtocol>(
    ctx: PanelContext,
    panel: vscode.WebviewPanel,
    spec: PanelSpec<H, W>,
    setup: (host: PanelHost<H, W>) => ViewHandlers<H>,
  ): PanelHost<H, W> {
    // A second panel with the same key (a custom editor split into two groups) is allowed; the
    // registry then finds the newer one.
    const host = new PanelHost<H, W>(ctx, panel, spec);
    host.handlers = setup(host);
    host.connect();
    return host;
  }

  private constructor(
    private readonly ctx: PanelContext,
    readonly panel: vscode.WebviewPanel,
    private readonly spec: PanelSpec<H, W>,
  ) {
    panel.title = spec.title;
    panel.iconPath = spec.iconPath;
    panel.webview.options = webviewOptions(ctx);
    rememberPanel(this);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(({ webviewPanel }) => this.onViewState(webviewPanel)),
    );
    panel.webview.html = this.page();
  }

  get viewType(): string {
    return this.spec.viewType;
  }

  get key(): string {
    return this.spec.key;
  }

  /** True once the current page got its `view/ready` answer (until it is hidden). */
  get isReady(): boolean {
    return this.ready;
  }

  /** Sends an event to the webview (held until the page is ready). */
  notify<K extends keyof W['events'] & string>(m: K, p: W['events'][K]): void {
    this.endpoint?.notify(m, p);
  }

  /** Calls a request the webview serves. */
  request<K extends keyof W['requests'] & string>(
    m: K,
    p: W['requests'][K]['params'],
    timeoutMs?: number,
  ): Promise<W['requests'][K]['result']> {
    if (this.endpoint === undefined) {
      return Promise.reject(new Error('panel closed'));
    }
    return this.endpoint.request(m, p, timeoutMs);
  }

  renderFigure(format: ExportFormat): Promise<FigureFile> {
    const params = { format } as W['requests']['figure/render']['params'];
    return this.request('figure/render', params, 30_000);
  }

  saveFigure(file: FigureFile): Promise<ExportOutcome> {
    return saveFigureFile(file, this.spec.exportDir);
  }

  /** Ties a disposable to the panel's life; returns it. */
  register<T extends vscode.Disposable | { dispose(): void }>(d: T): T {
    if (this.disposed) {
      d.dispose();
    } else {
      this.disposables.push(d);
    }
    return d;
  }

  /** Closes the panel and releases everything it owns. */
  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    forgetPanel(this);
    this.endpoint?.dispose();
    this.endpoint = undefined;
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) {
      d.dispose();
    }
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
  }

  private page(): string {
    const root = vscode.Uri.joinPath(this.ctx.extensionUri, 'dist', 'webview');
    const uri = (name: string): string =>
      this.panel.webview.asWebviewUri(vscode.Uri.joinPath(root, name)).toString();
    return html({
      title: this.spec.title,
      scriptUris: this.spec.scripts.map(uri),
      styleUris: (this.spec.styles ?? []).map(uri),
      nonce: randomBytes(16).toString('base64'),
      cspSource: this.panel.webview.cspSource,
    });
  }

  /** A fresh endpoint with a closed gate (on creation, and for each new page). */
  private connect(): void {
    this.endpoint?.dispose();
    this.ready = false;
    const transport = validatingTransport(webviewTransport(this.panel.webview), this.spec.schemas, {
      onInvalid: (p) =>
        this.ctx.log.warn(`${this.viewType}: refused ${p.kind} ${p.method ?? ''}: ${p.reason}`),
      onReplied: (method, ok) => this.onReplied(method, ok),
    });
    const endpoint = new Endpoint<H, W>(transport, { holdEventsUntilReady: true });
    endpoint.handle({
      ...this.handlers,
      'figure/export': (file: FigureFile) => this.saveFigure(file),
    } as HandlerTable<H>);
    this.endpoint = endpoint;
  }

  private onReplied(method: string, ok: boolean): void {
    if (method === 'view/ready' && ok && !this.ready) {
      this.ready = true;
      this.endpoint?.markReady();
    }
  }

  private onViewState(panel: vscode.WebviewPanel): void {
    if (panel.active) {
      setLastActive(this);
    }
    if (!panel.visible && this.ready) {
      this.connect(); // the page is gone; the next one starts with view/ready again
    }
  }
}
