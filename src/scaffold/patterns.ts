// Paths and names learned from a sibling app turned into patterns: `kubernetes/apps/default/bazarr/ks.yaml` with
// app `bazarr` in namespace `default` becomes `kubernetes/apps/{ns}/{app}/ks.yaml`, which then names the new app's.

export interface Names {
  app: string;
  ns: string;
}

/** Replaces whole path segments (and a file's base name before its extension) equal to the app or namespace. */
export function toPattern(path: string, n: Names): string {
  return path
    .split('/')
    .map((seg) => {
      if (seg === n.app) return '{app}';
      if (seg === n.ns) return '{ns}';
      const dot = seg.indexOf('.');
      if (dot > 0) {
        const base = seg.slice(0, dot);
        if (base === n.app) return '{app}' + seg.slice(dot);
        if (base === n.ns) return '{ns}' + seg.slice(dot);
      }
      return seg;
    })
    .join('/');
}

export function fromPattern(pattern: string, n: Names): string {
  return pattern.replace(/\{app\}/g, n.app).replace(/\{ns\}/g, n.ns);
}

/** A name written in terms of the app name: `apps-bazarr` → `apps-{app}`; a name without it stays as it is. */
export function namePattern(name: string, app: string): string {
  if (!app) return name;
  const i = name.indexOf(app);
  return i < 0 ? name : name.slice(0, i) + '{app}' + name.slice(i + app.length);
}

/** Replaces `from` names where they stand as whole words inside `value` (`navidrome-config` → `whoami-config`). */
export function renameWithin(value: string, from: readonly string[], to: string): string {
  let out = value;
  for (const f of [...from].filter(Boolean).sort((a, b) => b.length - a.length)) {
    out = out.replace(new RegExp(`(^|[^A-Za-z0-9])${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[^A-Za-z0-9]|$)`, 'g'), `$1${to}`);
  }
  return out;
}
