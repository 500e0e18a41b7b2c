// One kustomization root being accumulated (kustomize's KustTarget): resources and bases first, then the
// transformer configuration, generators, components, and the transformers in kustomize's fixed order.
import { posix } from 'node:path';
import { InputError } from '../core/errors.js';
import { configFromCrds } from './crds.js';
import { rethrowIn } from './errors.js';
import { generate } from './generate/generators.js';
import type { KRes } from './kres.js';
import { entryLine, readKustFile } from './kustfile.js';
import type { KustFile } from './kustfile.js';
import { LoadError } from './loader.js';
import type { Loader } from './loader.js';
import { joinPath, setOrigin } from './origin.js';
import { freshResources } from './read-resources.js';
import { ResMap } from './resmap.js';
import { decodeConfig, defaultConfig, emptyConfig, mergeConfig } from './tconfig.js';
import type { TransformerConfig } from './tconfig.js';
import { runTransformers } from './transformers.js';
import { isMap } from './value.js';
import { parseResourceTextShared, parseYaml11 } from './yaml-text.js';
import type { ParsedDoc } from './yaml-text.js';

export interface Accumulator {
  resmap: ResMap;
  config: TransformerConfig;
}

export function emptyAccumulator(): Accumulator {
  return { resmap: new ResMap(), config: emptyConfig() };
}

/** Shared per build: deprecation warnings (in kustomize's order) and origin tracking for buildMetadata. */
export interface BuildContext {
  warnings: string[];
  /** The root's buildMetadata (it applies to every base and component). */
  buildMetadata?: string[];
  /** Whether origins and transformations are being recorded (the root has buildMetadata). */
  tracking?: boolean;
}

export class Target {
  constructor(
    readonly ldr: Loader,
    readonly kf: KustFile,
    readonly ctx: BuildContext,
    /** Path of this root relative to the built root (origin annotations). */
    readonly originPath = '',
  ) {
    ctx.warnings.push(...kf.warnings);
    if (ctx.buildMetadata === undefined) {
      ctx.buildMetadata = kf.k.buildMetadata;
      ctx.tracking = kf.k.buildMetadata.length > 0;
    }
  }

  get tracking(): boolean {
    return this.ctx.tracking === true;
  }

  /** This kustomization file relative to the built root (origins). */
  configuredIn(): string {
    return joinPath(this.originPath, posix.basename(this.kf.file));
  }

  get file(): string {
    return this.kf.file;
  }

  accumulate(ra: Accumulator = emptyAccumulator()): Accumulator {
    const k = this.kf.k;
    this.unsupported();
    ra = this.accumulateResources(ra, k.resources);
    try {
      let tc = defaultConfig();
      for (const c of k.configurations) tc = mergeConfig(tc, decodeConfig(parseYaml11(this.ldr.load(c), this.ldr.rel(c))));
      ra.config = mergeConfig(ra.config, tc);
      if (k.crds.length) ra.config = mergeConfig(ra.config, configFromCrds(this.ldr, k.crds));
    } catch (e) {
      rethrowIn(e, this.file, 'loading configurations');
    }
    this.runGenerators(ra);
    ra = this.accumulateComponents(ra, k.components);
    runTransformers(this, ra);
    return ra;
  }

  private unsupported(): void {
    const k = this.kf.k;
    const no = (what: string, hint: string) => {
      throw new InputError(this.file, `${what} is not supported`, { hint });
    };
    if ((Array.isArray(k.helmCharts) && k.helmCharts.length) || (Array.isArray(k.helmChartInflationGenerator) && k.helmChartInflationGenerator.length)) {
      const first = Array.isArray(k.helmCharts) && isMap(k.helmCharts[0]) ? String(k.helmCharts[0]['name'] ?? '') : '';
      no(`helmCharts${first ? ` (chart '${first}')` : ''}`, 'helm charts need `kustomize --enable-helm` and the network; render them with a HelmRelease instead');
    }
    if (Array.isArray(k.vars) && k.vars.length) no('vars', "use 'replacements' instead");
    if (Object.keys(k.openapi).length) no('openapi', 'remove the custom OpenAPI schema');
    if (k.generators.length) no('generators (plugins)', 'use configMapGenerator/secretGenerator');
    if (k.validators.length) no('validators (plugins)', 'remove the validators entry');
  }

  private docs(path: string): { text: string; rel: string; docs: ParsedDoc[] } {
    const text = this.ldr.load(path);
    const real = this.ldr.resolveFile(path);
    const rel = this.ldr.rel(real);
    const docs = this.ldr.memo(`docs:${real}`, () => parseResourceTextShared(text, rel));
    return { text, rel, docs };
  }

  private accumulateResources(ra: Accumulator, paths: string[]): Accumulator {
    for (const path of paths) {
      let fileErr: unknown;
      let resources: KRes[] | undefined;
      try {
        const { text, rel, docs } = this.docs(path);
        resources = freshResources(text, rel, docs);
      } catch (e) {
        fileErr = e;
      }
      if (resources) {
        if (this.tracking) for (const r of resources) setOrigin(r, { path: joinPath(this.originPath, path) });
        try {
          ra.resmap.appendAll(resources);
        } catch (e) {
          rethrowIn(e, this.file, `merging resources from '${path}'`);
        }
        continue;
      }
      if (fileErr instanceof LoadError && !fileErr.notFound) rethrowIn(fileErr, this.file, `accumulating resources from '${path}'`);
      let child: Loader;
      try {
        child = this.ldr.child(path);
      } catch (e) {
        if (!(fileErr instanceof LoadError)) rethrowIn(fileErr, this.file, `accumulating resources from '${path}'`);
        rethrowIn(e, this.file, `resources entry '${path}'`, 'the entry must name a file or a directory with a kustomization');
      }
      ra = this.accumulateDirectory(ra, child, false, path);
    }
    return ra;
  }

  private accumulateComponents(ra: Accumulator, paths: string[]): Accumulator {
    for (const path of paths) {
      let child: Loader;
      try {
        child = this.ldr.child(path);
      } catch (e) {
        rethrowIn(e, this.file, `components entry '${path}'`, 'components must be directories with a kind: Component kustomization');
      }
      ra = this.accumulateDirectory(ra, child, true, path);
    }
    return ra;
  }

  private accumulateDirectory(ra: Accumulator, ldr: Loader, isComponent: boolean, entry: string): Accumulator {
    const kf = readKustFile(ldr);
    const kind = kf.k.kind;
    if (isComponent && kind !== 'Component') {
      throw new InputError(kf.file, `expected kind 'Component' for path '${ldr.rel(ldr.root)}' but got '${kind}'`, {
        hint: `list it under 'resources:' of ${this.file}, or make it a Component`,
      });
    }
    if (!isComponent && kind === 'Component') {
      throw new InputError(kf.file, `expected kind != 'Component' for path '${ldr.rel(ldr.root)}'`, {
        hint: `list it under 'components:' of ${this.file}`,
      });
    }
    const sub = new Target(ldr, kf, this.ctx, joinPath(this.originPath, entry));
    if (isComponent) return sub.accumulate(ra);
    const subRa = sub.accumulate(emptyAccumulator());
    try {
      ra.resmap.appendAll(subRa.resmap);
    } catch (e) {
      rethrowIn(e, this.file, `merging resources from '${ldr.rel(ldr.root)}'`);
    }
    ra.config = mergeConfig(ra.config, subRa.config);
    return ra;
  }

  private runGenerators(ra: Accumulator): void {
    const k = this.kf.k;
    const gens: [typeof k.configMapGenerator, 'ConfigMap' | 'Secret', string][] = [
      [k.configMapGenerator, 'ConfigMap', 'configMapGenerator'],
      [k.secretGenerator, 'Secret', 'secretGenerator'],
    ];
    for (const [list, kind, field] of gens) {
      list.forEach((args, i) => {
        try {
          const origin = { file: this.file, line: entryLine(this.kf, field, args.name) };
          const res = generate(this.ldr, args, kind, k.generatorOptions, origin);
          if (this.tracking) {
            setOrigin(res, { configuredIn: this.configuredIn(), configuredBy: { apiVersion: 'builtin', kind: `${kind}Generator` } });
          }
          ra.resmap.absorb(res);
        } catch (e) {
          rethrowIn(e, this.file, `${field}[${i}] '${args.name}'`);
        }
      });
    }
  }

  /** Resources read from paths relative to this root (for transformer config files). */
  resourcesAt(paths: string[]): KRes[] {
    const ra = this.accumulateResources(emptyAccumulator(), paths);
    return ra.resmap.list;
  }
}

export function targetAt(ldr: Loader, ctx: BuildContext): Target {
  return new Target(ldr, readKustFile(ldr), ctx);
}
