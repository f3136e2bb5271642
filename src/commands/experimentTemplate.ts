/**
 * Turning a bundled example config into a user's new config. Pure (jsonc-parser edits, comments
 * kept), so it is unit-tested without VS Code.
 */
import { applyEdits, findNodeAtLocation, modify, parseTree } from 'jsonc-parser';

const nameRule = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * The example text with `name` set to the new file's stem (the runs folder follows it) and the
 * repository-relative `$schema` removed (the extension contributes the schema for
 * `*.replens.json`). A stem that is not a valid name keeps the example's name.
 */
export function instantiateTemplate(text: string, stem: string): string {
  let out = withoutSchema(text);
  if (nameRule.test(stem) && stem.length <= 100) {
    const options = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };
    out = applyEdits(out, modify(out, ['name'], stem, options));
  }
  return out;
}

/**
 * Deletes the `$schema` property with its comma and line. jsonc-parser's `modify` would also
 * delete the comments up to the next property, which describe the example.
 */
function withoutSchema(text: string): string {
  const root = parseTree(text, [], { allowTrailingComma: true });
  const property = root === undefined ? undefined : findNodeAtLocation(root, ['$schema'])?.parent;
  if (property === undefined) {
    return text;
  }
  const after = /^\s*,[ \t]*(\r?\n)?/.exec(text.slice(property.offset + property.length));
  if (after === null) {
    const options = { formattingOptions: { insertSpaces: true, tabSize: 2 } };
    return applyEdits(text, modify(text, ['$schema'], undefined, options));
  }
  let start = property.offset;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) {
    start--;
  }
  return text.slice(0, start) + text.slice(property.offset + property.length + after[0].length);
}

/** The leading `//` comment of an example, as one line (its description in the picker). */
export function templateDescription(text: string): string {
  const lines = text.split('\n').map((l) => l.trim());
  const start = lines.findIndex((l) => l.startsWith('//'));
  if (start < 0) {
    return '';
  }
  const comment: string[] = [];
  for (const line of lines.slice(start)) {
    if (!line.startsWith('//')) {
      break;
    }
    comment.push(line.replace(/^\/\/\s?/, ''));
  }
  return comment.join(' ');
}

/** `foo.replens.json` for `foo.json`, `foo` or `foo.replens.json`. */
export function withConfigSuffix(fileName: string): string {
  if (/\.replens\.json$/i.test(fileName)) {
    return fileName;
  }
  return `${fileName.replace(/\.json$/i, '')}.replens.json`;
}
