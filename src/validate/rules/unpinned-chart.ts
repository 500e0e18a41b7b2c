// Charts that float: a HelmRelease chart.spec without a fixed version (empty, `*`, a range), an OCIRepository with no
// ref (Flux pulls `latest`), tag `latest`, or a semver range. An upgrade then lands without a commit to review.
import type { Finding } from '../../core/finding.js';
import { isMap } from '../../core/resource.js';
import type { YMap, YValue } from '../../core/resource.js';
import { describe, fieldFinding } from '../rule.js';
import type { Rule } from '../rule.js';

const s = (v: YValue | undefined): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const m = (v: YValue | undefined): YMap => (isMap(v) ? v : {});

/** A semver constraint that admits more than one version (`*`, `1.x`, `>=1.2`, `^1`, `~1.2`, `1.2 - 1.4`, `a || b`). */
export function isVersionRange(v: string): boolean {
  const t = v.trim();
  return t === '' || /[*^~<>|]/.test(t) || /(^|\.)[xX](\.|$)/.test(t) || /\s-\s/.test(t);
}

export const unpinnedChart: Rule = {
  code: 'unpinned-chart',
  severity: 'warning',
  description: 'a HelmRelease chart version or OCIRepository ref that is not pinned (missing, latest, or a range)',
  scope: 'resource',
  run(model) {
    const out: Finding[] = [];
    for (const r of model.byKind('HelmRelease')) {
      if (r.group !== 'helm.toolkit.fluxcd.io') continue;
      const spec = m(r.object['spec']);
      if (!isMap(spec['chart'])) continue;
      const cs = m(spec['chart']['spec']);
      const version = s(cs['version']);
      if (version && !isVersionRange(version)) continue;
      out.push(
        fieldFinding(
          model,
          unpinnedChart,
          r,
          version ? ['spec', 'chart', 'spec', 'version'] : ['spec', 'chart', 'spec', 'chart'],
          `${describe(r)}: chart ${s(cs['chart'])} ${version ? `version ${JSON.stringify(version)} is a range` : 'has no version (Flux installs the newest)'}`,
          'pin chart.spec.version to one release (e.g. 1.2.3) and let Renovate propose upgrades',
        ),
      );
    }
    for (const r of model.byKind('OCIRepository')) {
      if (r.group !== 'source.toolkit.fluxcd.io') continue;
      const ref = m(m(r.object['spec'])['ref']);
      if (s(ref['digest'])) continue;
      const tag = s(ref['tag']);
      const semver = s(ref['semver']);
      let problem: string | undefined;
      let path = ['spec', 'ref'];
      if (semver && isVersionRange(semver)) {
        problem = `ref.semver ${JSON.stringify(semver)} is a range`;
        path = ['spec', 'ref', 'semver'];
      } else if (tag === 'latest') {
        problem = 'ref.tag is latest';
        path = ['spec', 'ref', 'tag'];
      } else if (!tag && !semver) {
        problem = 'has no ref (Flux pulls the latest tag)';
        path = isMap(m(r.object['spec'])['ref']) ? ['spec', 'ref'] : ['spec', 'url'];
      }
      if (!problem) continue;
      out.push(fieldFinding(model, unpinnedChart, r, path, `${describe(r)}: ${problem}`, 'pin ref.tag to one version (or ref.digest) and let Renovate propose upgrades'));
    }
    return out;
  },
};
