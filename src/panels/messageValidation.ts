/**
 * The host's trust boundary toward webviews: a `Transport` wrapper that validates every message a
 * webview sends with zod before the `Endpoint` sees it. Webviews render user-controlled strings,
 * so nothing they send is trusted: the envelope, each request's params, each result of a host →
 * webview request and each event are checked against the view's schema table. Pure (no vscode),
 * so it is unit-tested in plain Node.
 */
import { z } from 'zod';
import type { Envelope, Protocol, Transport } from '../shared/protocol/endpoint';

/** Per view: schemas of the requests and events it sends and of the results it returns. */
export type WebviewMessageSchemas<Host extends Protocol, View extends Protocol> = {
  requests: { [K in keyof Host['requests']]: z.ZodType<Host['requests'][K]['params']> };
  results: { [K in keyof View['requests']]: z.ZodType<View['requests'][K]['result']> };
  events: { [K in keyof Host['events']]: z.ZodType<Host['events'][K]> };
};

/** The same table, untyped by method (what the wrapper works with at run time). */
export interface SchemaTable {
  requests: Readonly<Record<string, z.ZodType>>;
  results: Readonly<Record<string, z.ZodType>>;
  events: Readonly<Record<string, z.ZodType>>;
}

/** Why a message was refused. */
export interface InvalidMessage {
  kind: 'envelope' | 'params' | 'result' | 'event';
  method?: string;
  reason: string;
}

/** Callbacks of the validating transport. */
export interface ValidationHooks {
  /** A message was refused (log it; the webview already got an error reply where one is due). */
  onInvalid?(problem: InvalidMessage): void;
  /** The reply to a webview request was just posted (after it, never before). */
  onReplied?(method: string, ok: boolean): void;
}

const envelopeSchema = z.discriminatedUnion('k', [
  z.object({ k: z.literal('req'), id: z.number().int(), m: z.string().max(100), p: z.unknown() }),
  z.object({ k: z.literal('res'), id: z.number().int(), r: z.unknown() }),
  z.object({
    k: z.literal('err'),
    id: z.number().int(),
    e: z.object({ message: z.string().max(10_000), code: z.string().max(100).optional() }),
  }),
  z.object({ k: z.literal('evt'), m: z.string().max(100), p: z.unknown() }),
]);

function lookup(table: Readonly<Record<string, z.ZodType>>, m: string): z.ZodType | undefined {
  return Object.prototype.hasOwnProperty.call(table, m) ? table[m] : undefined;
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue.path.length > 0 ? ` at "${issue.path.join('.')}"` : '';
  return `${issue.message}${where}`;
}

/**
 * Wraps a webview transport so the endpoint on top only ever receives valid messages.
 * Invalid requests are answered with an `invalid-message` error (or `unknown-method`); invalid
 * results reject the host's pending request the same way; invalid events are dropped.
 */
export function validatingTransport(
  inner: Transport,
  schemas: SchemaTable,
  hooks: ValidationHooks = {},
): Transport {
  return new ValidatingTransport(inner, schemas, hooks);
}

class ValidatingTransport implements Transport {
  private readonly incoming = new Map<number, string>(); // webview request id → method
  private readonly outgoing = new Map<number, string>(); // host request id → method

  constructor(
    private readonly inner: Transport,
    private readonly schemas: SchemaTable,
    private readonly hooks: ValidationHooks,
  ) {}

  post(msg: Envelope): void {
    if (msg.k === 'req') {
      this.outgoing.set(msg.id, msg.m);
    }
    this.inner.post(msg);
    if ((msg.k === 'res' || msg.k === 'err') && this.incoming.has(msg.id)) {
      const method = this.incoming.get(msg.id) ?? '';
      this.incoming.delete(msg.id);
      this.hooks.onReplied?.(method, msg.k === 'res');
    }
  }

  onMessage(cb: (msg: unknown) => void): { dispose(): void } {
    return this.inner.onMessage((raw) => {
      const msg = this.check(raw);
      if (msg !== undefined) {
        cb(msg);
      }
    });
  }

  private check(raw: unknown): Envelope | undefined {
    const env = envelopeSchema.safeParse(raw);
    if (!env.success) {
      return this.refuse({ kind: 'envelope', reason: describe(env.error) });
    }
    const msg = env.data;
    switch (msg.k) {
      case 'req':
        return this.checkRequest(msg);
      case 'res':
        return this.checkResult(msg);
      case 'err':
        this.outgoing.delete(msg.id);
        return msg;
      case 'evt':
        return this.checkEvent(msg);
    }
  }

  private checkRequest(msg: Extract<Envelope, { k: 'req' }>): Envelope | undefined {
    const schema = lookup(this.schemas.requests, msg.m);
    if (schema === undefined) {
      const reason = `no handler for request "${msg.m}"`;
      return this.refuse({ kind: 'params', method: msg.m, reason }, msg.id, 'unknown-method');
    }
    const p = schema.safeParse(msg.p);
    if (!p.success) {
      const reason = `invalid params of "${msg.m}": ${describe(p.error)}`;
      return this.refuse({ kind: 'params', method: msg.m, reason }, msg.id);
    }
    this.incoming.set(msg.id, msg.m);
    return { ...msg, p: p.data };
  }

  private checkResult(msg: Extract<Envelope, { k: 'res' }>): Envelope | undefined {
    const method = this.outgoing.get(msg.id);
    this.outgoing.delete(msg.id);
    const schema = method === undefined ? undefined : lookup(this.schemas.results, method);
    if (method === undefined || schema === undefined) {
      return this.refuse({ kind: 'result', method, reason: `unexpected reply ${msg.id}` });
    }
    const r = schema.safeParse(msg.r);
    if (r.success) {
      return { ...msg, r: r.data };
    }
    const reason = `invalid result of "${method}": ${describe(r.error)}`;
    this.hooks.onInvalid?.({ kind: 'result', method, reason });
    return { k: 'err', id: msg.id, e: { message: reason, code: 'invalid-message' } };
  }

  private checkEvent(msg: Extract<Envelope, { k: 'evt' }>): Envelope | undefined {
    const p = lookup(this.schemas.events, msg.m)?.safeParse(msg.p);
    if (p === undefined || !p.success) {
      const reason = p === undefined ? `unknown event "${msg.m}"` : describe(p.error);
      return this.refuse({ kind: 'event', method: msg.m, reason });
    }
    return { ...msg, p: p.data };
  }

  /** Reports a refused message and, for a request, answers it with an error. */
  private refuse(problem: InvalidMessage, id?: number, code = 'invalid-message'): undefined {
    this.hooks.onInvalid?.(problem);
    if (id !== undefined) {
      this.inner.post({ k: 'err', id, e: { message: problem.reason, code } });
    }
    return undefined;
  }
}
