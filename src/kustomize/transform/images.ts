// `images:` — rewrites container image references (name, tag, digest) wherever the image field specs and any
// `containers`/`initContainers` list in the object point.
import type { YMap, YValue } from '../../core/resource.js';
import { KustomizeError } from '../errors.js';
import { goRegExp } from '../go-regexp.js';
import { applyFieldSpec } from '../fieldspec.js';
import type { ResMap } from '../resmap.js';
import type { FieldSpec, Image } from '../types.js';
import { isMap, typeName } from '../value.js';

/** Splits `registry/name:tag@digest` like kustomize (a leading registry port is not a tag). */
export function splitImage(image: string): { name: string; tag: string; digest: string } {
  let search = image;
  let slash = image.indexOf('/');
  if (slash > 0) search = image.slice(slash);
  else slash = 0;
  let id = search.indexOf('@');
  let ic = search.indexOf(':');
  if (ic < 0 && id < 0) return { name: image, tag: '', digest: '' };
  if (id >= 0 && (id < ic || ic < 0)) {
    id += slash;
    return { name: image.slice(0, id), tag: '', digest: image.slice(id + 1) };
  }
  if (id >= 0 && ic >= 0) {
    id += slash;
    ic += slash;
    return { name: image.slice(0, ic), tag: image.slice(ic + 1, id), digest: image.slice(id + 1) };
  }
  ic += slash;
  return { name: image.slice(0, ic), tag: image.slice(ic + 1), digest: '' };
}

function matcher(name: string): RegExp | null {
  try {
    return goRegExp(`^${name}(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$`, false);
  } catch {
    return null;
  }
}

function update(holder: YMap | YValue[], key: string | number, img: Image, re: RegExp | null): void {
  const cur = (holder as Record<string | number, YValue>)[key];
  if (cur !== null && typeof cur === 'object') {
    throw new KustomizeError(`image field must be a string, found ${typeName(cur)}`);
  }
  const value = cur === null || cur === undefined ? '' : String(cur);
  if (!re || !re.test(value)) return;
  let { name, tag, digest } = splitImage(value);
  if (img.newName) name = img.newName;
  if (img.newTag && img.digest) {
    tag = img.newTag;
    digest = img.digest;
  } else if (img.newTag) {
    tag = img.newTag;
    digest = '';
  } else if (img.digest) {
    tag = '';
    digest = img.digest;
  } else if (img.tagSuffix) {
    tag += img.tagSuffix;
    digest = '';
  }
  if (tag) name += ':' + tag;
  if (digest) name += '@' + digest;
  (holder as Record<string | number, YValue>)[key] = name;
}

/** Any `containers`/`initContainers` list anywhere in the object (kustomize's legacy image walk). */
function legacyWalk(node: YValue, img: Image, re: RegExp | null): void {
  if (Array.isArray(node)) {
    for (const el of node) legacyWalk(el, img, re);
  } else if (isMap(node)) {
    for (const k of Object.keys(node)) {
      const v = node[k] as YValue;
      legacyWalk(v, img, re);
      if ((k === 'containers' || k === 'initContainers') && Array.isArray(v)) {
        for (const c of v) if (isMap(c) && Object.prototype.hasOwnProperty.call(c, 'image')) update(c, 'image', img, re);
      }
    }
  }
}

export function applyImages(m: ResMap, images: Image[], specs: FieldSpec[]): void {
  for (const img of images) {
    const re = matcher(img.name);
    for (const r of m.list) {
      if (r.kind === 'CustomResourceDefinition') continue;
      legacyWalk(r.obj, img, re);
    }
    for (const r of m.list) {
      if (r.kind === 'CustomResourceDefinition') continue;
      for (const fs of specs) applyFieldSpec(r.obj, fs, (h, k) => update(h, k, img, re), 'none');
    }
  }
}
