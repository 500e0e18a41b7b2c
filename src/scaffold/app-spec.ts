// What `hops new app` is asked to make, parsed and checked before the repository is read: names, image, chart
// version, persistence, secrets, dependencies. Every problem is a UsageError that says what a good value looks like.
import { UsageError } from '../core/errors.js';

export interface PersistenceSpec {
  /** Volume name in the chart values (also the mount path `/<name>`). */
  name: string;
  size: string;
  storageClass?: string;
}

export interface ExternalSecretSpec {
  /** ClusterSecretStore/SecretStore name; undefined: the store the repository uses most. */
  store?: string;
  /** Remote key whose properties become the Secret's keys. */
  key: string;
}

export interface DependsOnSpec {
  name: string;
  namespace?: string;
}

export interface ImageSpec {
  repository: string;
  /** Tag, with `@sha256:…` when a digest was given. */
  tag: string;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const QUANTITY = /^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;
const EXACT_VERSION = /^v?[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
/** Tags that move: pinning to them is not pinning. */
const FLOATING_TAGS = new Set(['latest', 'stable', 'edge', 'nightly', 'main', 'master', 'develop', 'dev', 'rolling', 'current']);

/** A DNS-1123 label (namespaces, app names, volume names), with a message that says which rule broke. */
export function checkName(what: string, value: string, max = 63): void {
  if (value === '') throw new UsageError(`${what} is empty`);
  if (value.length > max) throw new UsageError(`${what} "${value}" is ${value.length} characters long; at most ${max} are allowed`);
  if (!DNS_LABEL.test(value)) {
    const fixed = value.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
    throw new UsageError(
      `${what} "${value}" is not a valid Kubernetes name: use lowercase letters, digits and '-', starting and ending with a letter or digit`,
      fixed && DNS_LABEL.test(fixed) ? `did you mean "${fixed}"?` : undefined,
    );
  }
}

/** `<namespace>/<name>`; Helm limits release names to 53 characters. */
export function parseAppRef(ref: string): { namespace: string; name: string } {
  const parts = ref.split('/');
  if (parts.length !== 2) throw new UsageError(`expected <namespace>/<name>, got "${ref}"`, 'for example: hops new app media/whoami');
  const [namespace, name] = parts as [string, string];
  checkName('namespace', namespace);
  checkName('app name', name, 53);
  return { namespace, name };
}

/** `<name>=<size>[,<storageClass>]`, e.g. `config=1Gi` or `media=100Gi,ceph-block`. */
export function parsePersistence(s: string): PersistenceSpec {
  const m = /^([^=]+)=([^,]+)(?:,(.+))?$/.exec(s);
  if (!m) throw new UsageError(`--persistence expects <name>=<size>[,<storageClass>], got "${s}"`, 'for example: --persistence config=1Gi');
  const [, name, size, storageClass] = m as unknown as [string, string, string, string | undefined];
  checkName('volume name', name);
  if (!QUANTITY.test(size)) throw new UsageError(`--persistence ${name}: "${size}" is not a storage size`, 'use a Kubernetes quantity such as 512Mi, 1Gi or 20Gi');
  if (storageClass !== undefined) checkName('storage class', storageClass, 253);
  return storageClass === undefined ? { name, size } : { name, size, storageClass };
}

/** `<store>/<key>` or just `<key>` (the repository's usual store). The key may hold further `/`. */
export function parseExternalSecret(s: string): ExternalSecretSpec {
  if (s.trim() === '') throw new UsageError('--externalsecret is empty', 'for example: --externalsecret onepassword/whoami');
  const i = s.indexOf('/');
  if (i < 0) return { key: s };
  const store = s.slice(0, i);
  const key = s.slice(i + 1);
  if (key === '') throw new UsageError(`--externalsecret "${s}" names no key`, 'for example: --externalsecret onepassword/whoami');
  checkName('secret store', store, 253);
  return { store, key };
}

/** `<namespace>/<kustomization>` or `<kustomization>`. */
export function parseDependsOn(s: string): DependsOnSpec {
  const parts = s.split('/');
  if (parts.length > 2) throw new UsageError(`--depends-on expects <namespace>/<kustomization>, got "${s}"`);
  const name = parts[parts.length - 1]!;
  checkName('--depends-on name', name, 253);
  if (parts.length === 1) return { name };
  checkName('--depends-on namespace', parts[0]!);
  return { name, namespace: parts[0]! };
}

export function parsePort(s: string): number {
  if (!/^[0-9]+$/.test(s) || Number(s) < 1 || Number(s) > 65535) throw new UsageError(`--port must be a number from 1 to 65535, got "${s}"`);
  return Number(s);
}

/** A host label (`whoami`, joined to the repo's domain) or a full host name (`whoami.example.com`). */
export function checkRoute(s: string): void {
  const labels = s.split('.');
  for (const l of labels) {
    if (l.startsWith('${') || l.endsWith('}')) continue; // a domain variable such as ${SECRET_DOMAIN}
    if (!DNS_LABEL.test(l)) throw new UsageError(`--route "${s}" is not a host name`, 'give the host label (whoami) or a full host name (whoami.example.com)');
  }
}

/** `repo[:tag][@sha256:digest]`; refuses moving tags unless floating is allowed. */
export function parseImage(s: string, allowFloating: boolean): ImageSpec {
  const at = s.indexOf('@');
  const name = at < 0 ? s : s.slice(0, at);
  const digest = at < 0 ? '' : s.slice(at + 1);
  if (digest && !/^sha256:[0-9a-f]{64}$/.test(digest)) throw new UsageError(`--image ${s}: "${digest}" is not a sha256 digest`);
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const hasTag = colon > slash;
  const repository = hasTag ? name.slice(0, colon) : name;
  const tag = hasTag ? name.slice(colon + 1) : '';
  if (!validRepository(repository)) {
    throw new UsageError(`--image "${s}": "${repository}" is not an image repository`, 'for example: --image ghcr.io/org/app:1.2.3');
  }
  if (hasTag && !/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag)) throw new UsageError(`--image ${s}: "${tag}" is not a valid tag`);
  if (!allowFloating && !digest && (!hasTag || FLOATING_TAGS.has(tag.toLowerCase()))) {
    throw new UsageError(
      `--image ${s} is not pinned: ${hasTag ? `the tag "${tag}" moves` : 'no tag means "latest", which moves'}`,
      'give a version tag (traefik/whoami:v1.10.1) or a digest, or pass --allow-floating',
    );
  }
  const t = tag || (digest ? '' : 'latest');
  return { repository, tag: digest ? (t ? `${t}@${digest}` : `@${digest}`) : t };
}

/** Docker reference rules: an optional registry host (with a dot, a port or `localhost`), then path components. */
function validRepository(repo: string): boolean {
  const parts = repo.split('/');
  if (parts.length > 1 && (/[.:]/.test(parts[0]!) || parts[0] === 'localhost')) {
    if (!/^[a-zA-Z0-9.-]+(:[0-9]+)?$/.test(parts.shift()!)) return false;
  }
  return parts.length > 0 && parts.every((c) => /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/.test(c));
}

/** True for an exact chart version (`5.1.0`, `v1.2.3-rc.1`); ranges and `latest` are floating. */
export function isExactVersion(v: string): boolean {
  return EXACT_VERSION.test(v);
}

export function checkChartVersion(v: string, allowFloating: boolean): void {
  if (v.trim() === '') throw new UsageError('--version is empty');
  if (!allowFloating && !isExactVersion(v)) {
    throw new UsageError(`--version ${v} is not an exact version: a range or tag would let the chart change under you`, 'give an exact version such as 5.1.0, or pass --allow-floating');
  }
}
