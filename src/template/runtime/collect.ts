// Collecting every undefined use of a strict-mode render instead of stopping at the first (Template.renderCollect).
// While a collector is active, the environment makes CollectingUndefined values: printing, testing or iterating
// them records an issue and acts like a plain Undefined; operations that must fail still throw, but the error is
// marked as recorded so the statement that hit it is skipped and rendering goes on.
import type { RenderIssue } from '../api.js';
import type { Value } from './values.js';
import { MISSING, PyError, Undefined } from './values.js';
import type { UndefinedSite } from './frame.js';

const recorded = new WeakSet<PyError>();

export class IssueCollector {
  readonly issues: RenderIssue[] = [];
  private readonly seen = new Set<string>();
  /** Position of the output or statement being run (for undefined values made without a site, e.g. in filters). */
  pos: UndefinedSite | null = null;

  record(u: Undefined, site: UndefinedSite | null): void {
    const at = site ?? this.pos;
    const issue: RenderIssue = {
      kind: 'undefined',
      pyType: 'UndefinedError',
      message: u.message,
      template: at?.template ?? '<template>',
      line: at?.line ?? 0,
      col: at?.col ?? 0,
    };
    if (site?.expr) issue.expr = site.expr;
    const key = `${issue.message}\0${issue.expr ?? ''}\0${issue.template}\0${issue.line}\0${issue.col}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.issues.push(issue);
  }
}

let active: IssueCollector | null = null;

export function activeCollector(): IssueCollector | null {
  return active;
}

/** Run `fn` with `c` collecting (renders are synchronous, so a simple save/restore suffices). */
export function withCollector<T>(c: IssueCollector | null, fn: () => T): T {
  const saved = active;
  active = c;
  try {
    return fn();
  } finally {
    active = saved;
  }
}

export class CollectingUndefined extends Undefined {
  constructor(
    hint: string | undefined,
    obj: Value | typeof MISSING,
    name: Value,
    private readonly site: UndefinedSite | null,
    private readonly collector: IssueCollector,
  ) {
    super('strict', hint, obj, name);
  }
  private note(): void {
    this.collector.record(this, this.site);
  }
  override toPyStr(): string {
    this.note();
    return '';
  }
  override checkUsable(): void {
    this.note();
  }
  override chain(): Undefined {
    this.note();
    return this;
  }
  override error(): PyError {
    this.note();
    const e = super.error();
    recorded.add(e);
    return e;
  }
  override fail(): never {
    throw this.error();
  }
}

/** May rendering go on after `e`? Only for undefined errors already recorded by an active collector. */
export function recoverable(e: unknown): boolean {
  return active !== null && e instanceof PyError && recorded.has(e);
}
