/**
 * Renders the config reference (docs/config.md) from the JSON Schema emitted by the zod schema,
 * so the documentation cannot drift from what the validator accepts.
 */

interface SchemaNode {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  default?: unknown;
  description?: string;
  properties?: Record<string, SchemaNode>;
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  items?: SchemaNode;
  required?: string[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

/** Markdown tables, one per config section and per variant (task kinds, schedules …). */
export function configReference(schema: SchemaNode): string {
  const out = [
    '# Config reference (`*.replens.json`)',
    '',
    'Generated from the config schema by `npm run docs:config`; every field is optional unless marked required.',
    'Comments and trailing commas are allowed.',
    '',
  ];
  for (const [key, node] of Object.entries(schema.properties ?? {})) {
    section(out, key, node);
  }
  out.push('`task` is the only required section.', '');
  return out.join('\n');
}

function section(out: string[], path: string, node: SchemaNode): void {
  const variants = node.oneOf ?? node.anyOf?.filter((v) => v.properties);
  if (node.properties) {
    table(out, `\`${path}\``, node);
  } else if (variants && variants.length > 0 && variants.every((v) => v.properties)) {
    for (const v of variants) {
      const kind = v.properties?.kind?.const;
      table(out, `\`${path}\` — kind \`${String(kind)}\``, v);
    }
  } else if (node.type === 'array' && node.items?.properties) {
    table(out, `\`${path}[]\``, node.items);
  } else {
    out.push(
      `## \`${path}\``,
      '',
      `${describeType(node)} — ${node.description ?? ''}${defaultOf(node)}`,
      '',
    );
  }
}

function table(out: string[], title: string, node: SchemaNode): void {
  out.push(`## ${title}`, '');
  if (node.description) {
    out.push(node.description, '');
  }
  out.push('| field | type | default | description |', '|---|---|---|---|');
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const def = child.default === undefined ? '' : `\`${JSON.stringify(child.default)}\``;
    const desc = (child.description ?? '').replace(/\|/g, '\\|');
    const req = node.required?.includes(key) === true ? ' **(required)**' : '';
    out.push(`| \`${key}\`${req} | ${describeType(child)} | ${def} | ${desc} |`);
  }
  out.push('');
}

function describeType(n: SchemaNode): string {
  if (n.const !== undefined) {
    return `\`${JSON.stringify(n.const)}\``;
  }
  if (n.enum) {
    return n.enum.map((v) => `\`${JSON.stringify(v)}\``).join(' \\| ');
  }
  const alts = n.anyOf ?? n.oneOf;
  if (alts) {
    return alts.map(describeType).join(' \\| ');
  }
  if (n.type === 'array') {
    return `${n.items ? describeType(n.items) : 'any'}[]`;
  }
  return `${n.type ?? 'object'}${range(n)}`;
}

function range(n: SchemaNode): string {
  const lo =
    n.minimum !== undefined
      ? `≥ ${n.minimum}`
      : n.exclusiveMinimum !== undefined
        ? `> ${n.exclusiveMinimum}`
        : '';
  const big = (x: number | undefined): boolean => x !== undefined && x > 1e9;
  const hi =
    n.maximum !== undefined && !big(n.maximum)
      ? `≤ ${n.maximum}`
      : n.exclusiveMaximum !== undefined
        ? `< ${n.exclusiveMaximum}`
        : '';
  const parts = [lo, hi].filter((s) => s !== '');
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function defaultOf(n: SchemaNode): string {
  return n.default === undefined ? '' : ` Default \`${JSON.stringify(n.default)}\`.`;
}
