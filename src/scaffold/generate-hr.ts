// The new app's HelmRelease (the sibling's, cloned: its release settings kept, its values, dependencies and
// post-renderers replaced) and, where the repository gives each app its own, the chart's OCIRepository.
import { posix } from 'node:path';
import { isMap, isScalar } from 'yaml';
import type { Document, YAMLMap } from 'yaml';
import type { YMap } from '../core/resource.js';
import { isExactVersion } from './app-spec.js';
import { HELM_GROUP } from '../flux/model.js';
import { specOf } from './apps.js';
import type { ResolvedChart } from './chart.js';
import type { GenContext, NewFile } from './context.js';
import { keepKeys, putSorted, textOf } from './context.js';
import { namePattern } from './patterns.js';
import { docsOfKind, majority, map, metaNamespace, str } from './repo-scan.js';
import { cloneDoc, dataNode, printDoc, renameScalars, schemaUrl, setScalar, styleOf, withSchema } from './yaml-style.js';

export function generateHelmRelease(ctx: GenContext, chart: ResolvedChart, sourceName: string, values: YMap, nameOverrideAlias: boolean): NewFile {
  const s = ctx.sibling;
  const text = textOf(ctx, s.hr);
  const doc = cloneDoc(text, s.hr.index);
  const spec = doc.getIn(['spec'], true) as YAMLMap;
  spec.delete('valuesFrom');
  spec.delete('postRenderers');
  const deps = doc.getIn(['spec', 'dependsOn'], true);
  // an empty list stays: components patch it with `add /spec/dependsOn/-`
  if (!(deps && 'items' in (deps as object) && (deps as { items: unknown[] }).items.length === 0)) spec.delete('dependsOn');

  renameScalars(doc.contents, new Map([[s.name, ctx.app], [s.folder, ctx.app]]));
  setScalar(doc, ['metadata', 'name'], ctx.app);
  if (metaNamespace(s.hr.object) === s.namespace) setScalar(doc, ['metadata', 'namespace'], ctx.ns);
  if (str(specOf(s.hr)['targetNamespace']) === s.namespace) setScalar(doc, ['spec', 'targetNamespace'], ctx.ns);
  setChart(doc, spec, chart, sourceName);

  const siblingValues = doc.getIn(['spec', 'values'], true);
  const node = dataNode(doc, values);
  if (isMap(siblingValues) && isMap(node)) {
    // blank lines between top-level values sections, where the sibling has them
    const spaced = siblingValues.items.slice(1).some((p) => isScalar(p.key) && p.key.spaceBefore);
    if (spaced) node.items.forEach((p, i) => i > 0 && isScalar(p.key) && (p.key.spaceBefore = true));
  }
  putSorted(doc, spec, 'values', node);
  if (nameOverrideAlias) {
    const nameNode = doc.getIn(['metadata', 'name'], true);
    if (isScalar(nameNode) && nameNode.anchor) doc.setIn(['spec', 'values', 'global', 'nameOverride'], doc.createAlias(nameNode));
  }

  let style = styleOf(text, s.hr.index);
  if (s.chart?.name !== chart.name) style = withSchema(style, helmReleaseSchema(ctx, chart.name));
  const file = posix.join(ctx.appDir, posix.basename(s.hr.file));
  return { path: file, text: printDoc(doc, style), role: 'helmrelease' };
}

function setChart(doc: Document, spec: YAMLMap, chart: ResolvedChart, sourceName: string): void {
  if (chart.style === 'helmrepo') {
    spec.delete('chartRef');
    const cs = doc.getIn(['spec', 'chart', 'spec'], true);
    if (isMap(cs)) {
      setScalar(doc, ['spec', 'chart', 'spec', 'chart'], chart.name);
      setScalar(doc, ['spec', 'chart', 'spec', 'version'], chart.version);
      setScalar(doc, ['spec', 'chart', 'spec', 'sourceRef', 'name'], chart.sourceName);
      if (chart.sourceNamespace) setScalar(doc, ['spec', 'chart', 'spec', 'sourceRef', 'namespace'], chart.sourceNamespace);
      const v = doc.getIn(['spec', 'chart', 'spec', 'version'], true);
      if (isScalar(v) && v.type === 'PLAIN' && !isExactVersion(chart.version)) v.type = 'QUOTE_DOUBLE';
      return;
    }
    const sourceRef: YMap = { kind: 'HelmRepository', name: chart.sourceName };
    if (chart.sourceNamespace) sourceRef['namespace'] = chart.sourceNamespace;
    putSorted(doc, spec, 'chart', { spec: { chart: chart.name, version: chart.version, sourceRef } });
    return;
  }
  spec.delete('chart');
  const ref: YMap = { kind: 'OCIRepository', name: sourceName };
  if (chart.style === 'oci-shared' && chart.sourceNamespace) ref['namespace'] = chart.sourceNamespace;
  const cr = doc.getIn(['spec', 'chartRef'], true);
  if (isMap(cr)) {
    setScalar(doc, ['spec', 'chartRef', 'name'], sourceName);
    if (ref['namespace']) setScalar(doc, ['spec', 'chartRef', 'namespace'], str(ref['namespace']));
    else (cr as YAMLMap).delete('namespace');
  } else putSorted(doc, spec, 'chartRef', ref);
}

/** The schema comment the repository's HelmReleases of `chart` carry (or, for a chart new here, other charts'). */
function helmReleaseSchema(ctx: GenContext, chartName: string): string | undefined {
  const urls = (pred: (hrChart: string) => boolean): string[] =>
    ctx.apps
      .filter((a) => pred(a.chart?.name ?? ''))
      .map((a) => schemaUrl(styleOf(textOf(ctx, a.hr), a.hr.index)))
      .filter((u): u is string => u !== undefined);
  return majority(urls((c) => c === chartName)) ?? majority(urls((c) => c !== 'app-template').filter((u) => !u.includes('app-template')));
}

/** The name of the app's own OCIRepository: the sibling's, in terms of the app (`{app}`, or a fixed `app-template`). */
export function localSourceName(ctx: GenContext, notes: string[] = []): string {
  const s = ctx.sibling;
  if (s.chart?.style !== 'oci-local') return ctx.app;
  const name = namePattern(s.chart.sourceName, s.name).replace('{app}', ctx.app);
  // a fixed name (every app's source is `app-template`) would clash with another app's in the same namespace
  const clash = ctx.apps.find((a) => a.namespace === ctx.ns && a.chart?.style === 'oci-local' && a.chart.sourceName === name);
  if (clash && name !== ctx.app) {
    notes.push(`OCIRepository named ${ctx.app}, not ${name}: ${clash.namespace}/${clash.name} already has an OCIRepository ${name} in that namespace`);
    return ctx.app;
  }
  return name;
}

export function generateOciRepository(ctx: GenContext, chart: ResolvedChart, sourceName: string): NewFile {
  const model = chart.modelSource;
  let doc: Document;
  let style = { header: ['---'], indentSeq: true };
  if (model) {
    const text = textOf(ctx, model);
    doc = cloneDoc(text, model.index);
    style = styleOf(text, model.index);
    keepKeys(doc.getIn(['spec'], true), new Set(['interval', 'layerSelector', 'ref', 'url', 'provider', 'timeout', 'verify', 'insecure', 'certSecretRef', 'secretRef']));
    const meta = doc.getIn(['metadata'], true);
    keepKeys(meta, new Set(['name', 'namespace']));
    setScalar(doc, ['metadata', 'name'], sourceName);
    if (metaNamespace(model.object)) setScalar(doc, ['metadata', 'namespace'], ctx.ns);
  } else {
    doc = cloneDoc(`apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata:\n  name: ${sourceName}\nspec:\n  interval: 15m\n  layerSelector:\n    mediaType: application/vnd.cncf.helm.chart.content.v1.tar+gzip\n    operation: copy\n  ref: {}\n  url: x\n`);
  }
  setScalar(doc, ['spec', 'url'], chart.url);
  const ref = doc.getIn(['spec', 'ref'], true);
  if (isMap(ref)) (ref as YAMLMap).items = [];
  if (isExactVersion(chart.version)) setScalar(doc, ['spec', 'ref', 'tag'], chart.version);
  else setScalar(doc, ['spec', 'ref', 'semver'], chart.version);
  const name = model && ctx.sibling.chart?.source === model ? posix.basename(model.file) : sourceFileName(ctx);
  return { path: posix.join(ctx.appDir, name), text: printDoc(doc, style), role: 'source' };
}

function sourceFileName(ctx: GenContext): string {
  const names = ctx.apps.filter((a) => a.chart?.style === 'oci-local' && a.chart.source).map((a) => posix.basename(a.chart!.source!.file));
  return majority(names) ?? 'ocirepository.yaml';
}

/** app-template HelmReleases' values, for repository-wide habits (ingress annotations). */
export function appTemplateValues(ctx: GenContext, chartName: string): YMap[] {
  return docsOfKind(ctx.idx, 'HelmRelease', HELM_GROUP)
    .filter((d) => ctx.apps.some((a) => a.hr === d && a.chart?.name === chartName))
    .map((d) => map(specOf(d)['values']));
}
