// `$patch: delete|replace|merge` in strategic merge patches, read and removed from the patch as kyaml does.
import type { YMap, YValue } from '../../core/resource.js';
import { KustomizeError } from '../errors.js';
import { isMap, scalarText, typeName } from '../value.js';
import { removeMatching } from './elements.js';

export type Directive = 'merge' | 'replace' | 'delete';

const KEY = '$patch';

function parse(v: string): Directive {
  if (v === 'delete' || v === 'replace' || v === 'merge') return v;
  throw new KustomizeError(`unknown patch strategy '${v}'`);
}

/** The directive of a patch map; the `$patch` key is removed from it. */
export function mapDirective(patch: YValue | undefined): Directive {
  if (patch === undefined) return 'merge';
  if (!isMap(patch)) {
    if (Array.isArray(patch)) return listDirective(patch);
    throw new KustomizeError(`no implemented strategic merge patch strategy for ${typeName(patch)}`);
  }
  if (!Object.prototype.hasOwnProperty.call(patch, KEY)) return 'merge';
  const v = patch[KEY];
  if (v === null || v === undefined) return 'merge';
  const d = parse(scalarText(v));
  delete (patch as YMap)[KEY];
  return d;
}

/** The directive of a patch list (an element `{$patch: ...}` alone); that element is removed in place. */
export function listDirective(patch: YValue[] | undefined): Directive {
  if (patch === undefined) return 'merge';
  const el = patch.find((e) => isMap(e) && Object.prototype.hasOwnProperty.call(e, KEY)) as YMap | undefined;
  if (!el || Object.keys(el).length > 1) return 'merge';
  const raw = el[KEY];
  if (raw === undefined) return 'merge';
  const v = scalarText(raw);
  const d = parse(v);
  const kept = removeMatching(patch, [KEY], [v]);
  patch.splice(0, patch.length, ...kept);
  return d;
}
