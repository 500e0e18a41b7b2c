// Output order: kustomize's "legacy" order by default (kinds in a fixed install order, then by group/version/kind,
// namespace and name), or input order with `sortOptions: {order: fifo}`.
import { KustomizeError } from '../errors.js';
import type { KRes } from '../kres.js';
import { DEFAULT_ORDER_FIRST, DEFAULT_ORDER_LAST, typeOrders } from '../resid.js';
import type { ResId } from '../resid.js';
import type { Gvk, SortOptions } from '../types.js';

function gvkSort(g: Gvk): string {
  return `${g.group || '~G'}_${g.version || '~V'}_${g.kind || '~K'}`;
}

function idSort(id: ResId): string {
  const gvk = `${id.kind || '[noKind]'}.${id.version || '[noVer]'}.${id.group || '[noGrp]'}`;
  return `${gvk}|${id.namespace || '~X'}|${id.name || '~N'}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortResources(list: KRes[], opts: SortOptions | undefined): KRes[] {
  const order = opts?.order || 'legacy';
  if (order !== 'legacy' && order !== 'fifo') {
    throw new KustomizeError("the field 'sortOptions.order' must be one of [fifo, legacy]");
  }
  if (order === 'fifo') {
    if (opts?.legacySortOptions) {
      throw new KustomizeError("the field 'sortOptions.legacySortOptions' is set but the selected sort order is 'fifo', not 'legacy'");
    }
    return list;
  }
  const lo = opts?.legacySortOptions;
  const orders = typeOrders(lo ? lo.orderFirst : DEFAULT_ORDER_FIRST, lo ? lo.orderLast : DEFAULT_ORDER_LAST);
  const keyed = list.map((r) => ({ r, id: r.curId() }));
  keyed.sort((x, y) => {
    const a = x.id;
    const b = y.id;
    if (a.group !== b.group || a.version !== b.version || a.kind !== b.kind) {
      const ia = orders.get(a.kind) ?? 0;
      const ib = orders.get(b.kind) ?? 0;
      if (ia !== ib) return ia - ib;
      if (a.kind === 'Namespace' && b.kind === 'Namespace' && (a.group === '' || b.group === '')) {
        return -cmp(gvkSort(a), gvkSort(b));
      }
      return cmp(gvkSort(a), gvkSort(b));
    }
    return cmp(idSort(a), idSort(b));
  });
  return keyed.map((k) => k.r);
}
