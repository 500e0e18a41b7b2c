// Resource files → resources, as kustomize's resource factory reads them: every non-empty document must be a map
// with a kind and a metadata.name; `*List` documents are expanded into their items.
import type { YMap, YValue } from '../core/resource.js';
import { KustomizeError } from './errors.js';
import { KRes } from './kres.js';
import { deepClone, isMap, metaOf, scalarText } from './value.js';
import { parseResourceText } from './yaml-text.js';
import type { ParsedDoc } from './yaml-text.js';

function validate(v: YValue, what: string): YMap {
  if (!isMap(v)) throw new KustomizeError(`${what}: expected a map (a Kubernetes object), found a ${Array.isArray(v) ? 'list' : 'scalar'}`);
  const kind = scalarText(v['kind']);
  if (!kind) throw new KustomizeError(`${what}: missing kind in object`);
  if (!kind.endsWith('List') && !scalarText(metaOf(v)?.['name'])) {
    throw new KustomizeError(`${what}: missing metadata.name in object of kind ${kind}`);
  }
  return v;
}

/** Documents of a file, unwrapping a lone List/ResourceList document (kio's ByteReader). */
function unwrap(text: string, docs: ParsedDoc[]): ParsedDoc[] {
  const values = (text.match(/\n---.*\n/g)?.length ?? 0) + 1;
  const first = docs[0];
  if (values !== 1 || docs.length !== 1 || !first || !isMap(first.value)) return docs;
  const kind = first.value['kind'];
  if ((kind !== 'List' && kind !== 'ResourceList') || !('items' in first.value || 'functionConfig' in first.value)) {
    return docs;
  }
  const items = first.value['items'];
  return Array.isArray(items) ? items.filter((i) => i !== null).map((value) => ({ value, line: first.line })) : [];
}

/** Parses resources from YAML text; `file` is repository-relative (for origins and messages). */
export function resourcesFromText(text: string, file: string, parsed?: ParsedDoc[]): KRes[] {
  for (const m of text.matchAll(/\n---(.*)\n/g)) {
    const rest = (m[1] as string).trim();
    if (rest && !rest.startsWith('#')) {
      // Never quote the line: in a Secret file the text after `---` may be a value.
      const line = text.slice(0, (m.index ?? 0) + 1).split('\n').length;
      throw new KustomizeError(`${file}:${line}: invalid document separator: a \`---\` line may only be followed by a comment`);
    }
  }
  const docs = unwrap(text, parsed ?? parseResourceText(text, file));
  const queue: { value: YValue; line: number }[] = docs.map((d) => ({ value: d.value, line: d.line }));
  const out: KRes[] = [];
  while (queue.length) {
    const { value, line } = queue.shift() as { value: YValue; line: number };
    const obj = validate(value, `${file}:${line}`);
    const kind = scalarText(obj['kind']);
    if (kind.endsWith('List') && 'items' in obj) {
      const items = obj['items'];
      if (items === null || items === undefined) continue;
      if (!Array.isArray(items)) throw new KustomizeError(`expected array in ${kind}/items`);
      for (const it of items) if (it !== null) queue.push({ value: it, line });
      continue;
    }
    out.push(new KRes(obj, { file, line }));
  }
  return out;
}

/** Same as resourcesFromText but each call gets fresh copies of the (memoized) parse. */
export function freshResources(text: string, file: string, docs: ParsedDoc[]): KRes[] {
  return resourcesFromText(text, file, docs.map((d) => ({ value: deepClone(d.value), line: d.line })));
}
