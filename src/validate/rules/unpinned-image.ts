// Container images that float: tagged `latest` or not tagged at all (and no digest), in workloads and in chart values
// (app-template's image.repository/tag, and `tag: latest` in any chart). A chart's own default tag follows the chart
// version, so an image map without a tag is only flagged for app-template, which has no default.
import type { Finding } from '../../core/finding.js';
import { isMap } from '../../core/resource.js';
import type { YMap, YValue } from '../../core/resource.js';
import type { PathElement } from '../../io/yaml-read.js';
import { helmReleases } from '../helm.js';
import type { ModelResource, ValidationModel } from '../model.js';
import { describe, fieldFinding } from '../rule.js';
import type { Rule } from '../rule.js';

const m = (v: YValue | undefined): YMap => (isMap(v) ? v : {});

/** `latest`, `untagged`, or undefined for a pinned reference (`repo:1.2.3`, `repo@sha256:…`). */
export function imageProblem(image: string): 'latest' | 'untagged' | undefined {
  if (image.includes('@')) return undefined;
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  if (colon <= slash) return 'untagged';
  return image.slice(colon + 1) === 'latest' ? 'latest' : undefined;
}

const POD_SPEC: Record<string, PathElement[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

const checkable = (v: string): boolean => v !== '' && !v.includes('{{') && !v.includes('${');

function workloadImages(model: ValidationModel, r: ModelResource, out: Finding[]): void {
  const base = POD_SPEC[r.kind];
  if (!base || r.group !== (r.kind === 'Pod' ? '' : r.kind === 'Job' || r.kind === 'CronJob' ? 'batch' : 'apps')) return;
  let spec: YValue = r.object;
  for (const p of base) spec = m(spec)[p as string] ?? {};
  for (const group of ['containers', 'initContainers', 'ephemeralContainers']) {
    const list = m(spec)[group];
    if (!Array.isArray(list)) continue;
    list.forEach((c, i) => {
      const image = m(c)['image'];
      if (typeof image !== 'string' || !checkable(image)) return;
      const problem = imageProblem(image);
      if (!problem) return;
      out.push(
        fieldFinding(model, unpinnedImage, r, [...base, group, i, 'image'], `${describe(r)}: image ${image} is ${problem === 'latest' ? 'tagged latest' : 'not tagged'}`, 'pin the image to a version tag (and digest), e.g. repo:1.2.3@sha256:…'),
      );
    });
  }
}

/** Image maps in chart values: `{repository, tag, digest}`. */
function valueImages(model: ValidationModel, r: ModelResource, values: YMap, appTemplate: boolean, out: Finding[]): void {
  const walk = (v: YValue, path: PathElement[], depth: number): void => {
    if (depth > 30) return;
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, [...path, i], depth + 1));
    if (!isMap(v)) return;
    const repo = v['repository'];
    if (typeof repo === 'string' && checkable(repo) && !('digest' in v && v['digest'])) {
      const tag = v['tag'];
      const tagText = typeof tag === 'string' || typeof tag === 'number' ? String(tag) : '';
      const atTagPath = [...path, 'tag'];
      if (tagText === 'latest') {
        out.push(fieldFinding(model, unpinnedImage, r, ['spec', 'values', ...atTagPath], `${describe(r)}: image ${repo} is tagged latest`, 'pin image.tag to a version (and a digest)'));
      } else if (appTemplate && tagText === '' && !repo.includes('@') && path[path.length - 1] === 'image') {
        out.push(fieldFinding(model, unpinnedImage, r, ['spec', 'values', ...path, 'repository'], `${describe(r)}: image ${repo} has no tag`, 'set image.tag to a version (and a digest)'));
      }
      return;
    }
    for (const [k, x] of Object.entries(v)) {
      if (k === 'image' && typeof x === 'string' && checkable(x) && imageProblem(x) === 'latest') {
        out.push(fieldFinding(model, unpinnedImage, r, ['spec', 'values', ...path, k], `${describe(r)}: image ${x} is tagged latest`, 'pin the image to a version tag (and digest)'));
      } else if (typeof x === 'object' && x !== null) walk(x, [...path, k], depth + 1);
    }
  };
  walk(values, [], 0);
}

export const unpinnedImage: Rule = {
  code: 'unpinned-image',
  severity: 'warning',
  description: 'a container image tagged latest or not tagged (workloads, chart values)',
  scope: 'resource',
  run(model) {
    const out: Finding[] = [];
    for (const r of model.resources) workloadImages(model, r, out);
    for (const h of helmReleases(model)) valueImages(model, h.resource, h.values, h.appTemplate, out);
    return out;
  },
};
