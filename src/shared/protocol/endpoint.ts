/**
 * One typed RPC endpoint for every channel (host ↔ worker, host ↔ webview, tests' in-memory
 * pair): requests with ids and error replies, fire-and-forget events, and an optional ready gate
 * that holds outgoing events until the other side said it is ready.
 *
 * Envelope: {k:'req', id, m, p} · {k:'res', id, r} · {k:'err', id, e:{message, code}} · {k:'evt', m, p}.
 */

/** Requests a side serves: method name → params and result. */
export type RequestMap = Record<string, { params: unknown; result: unknown }>;
/** Events a side receives: name → payload. */
export type EventMap = Record<string, unknown>;

/** What one side of a channel serves (requests) and receives (events). */
export interface Protocol {
  requests: RequestMap;
  events: EventMap;
}

export type Envelope =
  | { k: 'req'; id: number; m: string; p: unknown }
  | { k: 'res'; id: number; r: unknown }
  | { k: 'err'; id: number; e: { message: string; code?: string } }
  | { k: 'evt'; m: string; p: unknown };

/** A message channel: posting and a subscription that can be undone. */
export interface Transport {
  post(msg: Envelope): void;
  onMessage(cb: (msg: unknown) => void): { dispose(): void };
}

/** An error from the other side, with its code if it gave one. */
export class RemoteError extends Error {
  override name = 'RemoteError';
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

type Handlers<P extends Protocol> = {
  [K in keyof P['requests']]: (
    params: P['requests'][K]['params'],
  ) => Promise<P['requests'][K]['result']>;
};

interface Pending {
  resolve(r: unknown): void;
  reject(e: Error): void;
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * An endpoint that serves `Local` and calls `Remote`.
 * @param options.holdEventsUntilReady queue outgoing events until `markReady()` (webview panels).
 */
export class Endpoint<Local extends Protocol, Remote extends Protocol> {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<(p: unknown) => void>>();
  private handlers: Partial<Handlers<Local>> = {};
  private held: Envelope[] | undefined;
  private readonly subscription: { dispose(): void };
  private disposed = false;

  constructor(
    private readonly transport: Transport,
    options: { holdEventsUntilReady?: boolean } = {},
  ) {
    this.held = options.holdEventsUntilReady === true ? [] : undefined;
    this.subscription = transport.onMessage((msg) => this.receive(msg));
  }

  /** Sets the handlers of every request this side serves. */
  handle(handlers: Handlers<Local>): void {
    this.handlers = handlers;
  }

  /** Subscribes to an event; returns the unsubscribe. */
  on<K extends keyof Local['events'] & string>(
    m: K,
    cb: (p: Local['events'][K]) => void,
  ): { dispose(): void } {
    const set = this.listeners.get(m) ?? new Set();
    set.add(cb as (p: unknown) => void);
    this.listeners.set(m, set);
    return { dispose: () => set.delete(cb as (p: unknown) => void) };
  }

  /** Calls a request on the other side; rejects with RemoteError, on timeout, or on dispose. */
  request<K extends keyof Remote['requests'] & string>(
    m: K,
    p: Remote['requests'][K]['params'],
    timeoutMs?: number,
  ): Promise<Remote['requests'][K]['result']> {
    if (this.disposed) {
      return Promise.reject(new Error(`endpoint disposed; cannot send ${m}`));
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const entry: Pending = { resolve, reject };
      if (timeoutMs !== undefined) {
        entry.timer = setTimeout(() => {
          this.pending.delete(id);
          reject(new Error(`request ${m} timed out after ${timeoutMs} ms`));
        }, timeoutMs);
      }
      this.pending.set(id, entry);
      this.transport.post({ k: 'req', id, m, p });
    });
  }

  /** Sends an event (held until `markReady()` when the endpoint was created with the gate). */
  notify<K extends keyof Remote['events'] & string>(m: K, p: Remote['events'][K]): void {
    if (this.disposed) {
      return;
    }
    const msg: Envelope = { k: 'evt', m, p };
    if (this.held !== undefined) {
      this.held.push(msg);
    } else {
      this.transport.post(msg);
    }
  }

  /** Opens the ready gate: flushes held events in order; later events go straight out. */
  markReady(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const msg of held) {
      this.transport.post(msg);
    }
  }

  /** Rejects every pending request and stops listening. */
  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    this.subscription.dispose();
    for (const [, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new Error('endpoint disposed before the reply arrived'));
    }
    this.pending.clear();
  }

  private receive(raw: unknown): void {
    const msg = raw as Envelope;
    switch (msg.k) {
      case 'req':
        void this.serve(msg.id, msg.m, msg.p);
        return;
      case 'res':
      case 'err':
        this.settle(msg);
        return;
      case 'evt':
        this.listeners.get(msg.m)?.forEach((cb) => cb(msg.p));
        return;
    }
  }

  private async serve(id: number, m: string, p: unknown): Promise<void> {
    const handler = (
      this.handlers as Record<string, ((p: unknown) => Promise<unknown>) | undefined>
    )[m];
    try {
      if (handler === undefined) {
        throw new RemoteError(`no handler for request "${m}"`, 'unknown-method');
      }
      const r = await handler(p);
      this.post({ k: 'res', id, r });
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      const code = (err as { code?: unknown }).code;
      this.post({
        k: 'err',
        id,
        e: { message: err.message, code: typeof code === 'string' ? code : undefined },
      });
    }
  }

  private post(msg: Envelope): void {
    if (!this.disposed) {
      this.transport.post(msg);
    }
  }

  private settle(msg: Extract<Envelope, { k: 'res' | 'err' }>): void {
    const entry = this.pending.get(msg.id);
    if (entry === undefined) {
      return;
    }
    this.pending.delete(msg.id);
    clearTimeout(entry.timer);
    if (msg.k === 'res') {
      entry.resolve(msg.r);
    } else {
      entry.reject(new RemoteError(msg.e.message, msg.e.code));
    }
  }
}

/** Two connected in-memory transports (tests, in-process pairs). Delivery is asynchronous. */
export function memoryTransportPair(): [Transport, Transport] {
  const make = (
    peer: () => Set<(m: unknown) => void>,
    own: Set<(m: unknown) => void>,
  ): Transport => ({
    post: (msg) => {
      const copy = structuredClone(msg);
      queueMicrotask(() => peer().forEach((cb) => cb(copy)));
    },
    onMessage: (cb) => {
      own.add(cb);
      return { dispose: () => own.delete(cb) };
    },
  });
  const a = new Set<(m: unknown) => void>();
  const b = new Set<(m: unknown) => void>();
  return [make(() => b, a), make(() => a, b)];
}
