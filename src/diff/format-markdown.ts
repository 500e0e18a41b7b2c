// `-o markdown`: a PR comment. One collapsible section per Flux Kustomization, a ```diff block per object, and a
// size limit (GitHub refuses comments over 65,536 characters): sections that do not fit are listed by name only,
// and a single section too big on its own is cut inside its code block.
import { displayId, statusCounts } from './compare.js';
import type { ObjectDiff } from './compare.js';
import { belowLine, byOwner, failed, failedOn, failureGroups, summaryLine } from './format-text.js';
import type { DiffResult } from './result.js';

/** Default --limit-bytes for markdown: room under GitHub's comment limit. */
export const DEFAULT_MARKDOWN_LIMIT = 60_000;

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
const code = (s: string): string => '`' + s.replace(/`/g, 'ˋ') + '`';

function fence(body: string): string {
  let f = '```';
  while (body.includes(f)) f += '`';
  return `${f}diff\n${body}${body.endsWith('\n') ? '' : '\n'}${f}\n`;
}

/** The fence line that closes a code block left open at the end of `text`, or ''. */
function closeFence(text: string): string {
  let open = '';
  for (const line of text.split('\n')) {
    const m = /^(`{3,})(.*)$/.exec(line);
    if (!m) continue;
    if (!open) open = m[1]!;
    else if (m[1]!.length >= open.length && m[2]!.trim() === '') open = '';
  }
  return open ? open + '\n' : '';
}

function objectBlock(o: ObjectDiff): string {
  const fields = o.fields.length ? `: ${o.fields.slice(0, 10).map(code).join(', ')}${o.fields.length > 10 ? ` and ${o.fields.length - 10} more` : ''}` : '';
  return `**${displayId(o.id)}** ${o.status}${fields}\n\n${fence(o.diff)}\n`;
}

function section(owner: string, objs: ObjectDiff[], path: string): { head: string; body: string[]; tail: string } {
  const n = statusCounts(objs);
  const counts = (['changed', 'added', 'removed'] as const).filter((s) => n[s] > 0).map((s) => `${n[s]} ${s}`).join(', ');
  return {
    head: `<details>\n<summary>Kustomization <code>${owner}</code>${path ? ` (${path})` : ''}: ${counts}</summary>\n\n`,
    body: objs.map(objectBlock),
    tail: '</details>\n\n',
  };
}

export function formatMarkdown(r: DiffResult, opts: { limitBytes?: number } = {}): string {
  const limit = opts.limitBytes ?? DEFAULT_MARKDOWN_LIMIT;
  let out = `### hops diff: ${code(r.from)} → ${code(r.to)}\n\n${summaryLine(r)}\n\n`;
  for (const n of r.notes) out += `> ${n}\n`;
  if (r.notes.length) out += '\n';
  const bad = failed(r);
  if (bad.length) {
    out += `**Not compared** — failing to build; Flux applies nothing of them until they build, so the cluster keeps what it last applied:\n\n`;
    for (const { ks: k, below } of failureGroups(r)) {
      const f = k.failure!;
      const at = f.file ? ` (${code(`${f.file}${f.line !== undefined ? ':' + f.line : ''}`)})` : '';
      out += `- ✖ Kustomization ${code(k.id)}${k.path ? ` (${k.path})` : ''} ${failedOn(r, f)}: ${code(f.reason.replace(/[\r\n]+/g, ' '))}${at}\n`;
      if (below.length) out += `  ${belowLine(below.map(code))}\n`;
    }
    out += '\n';
  }
  const groups = [...byOwner(r.objects)];
  const left: string[] = [];
  for (const [owner, objs] of groups) {
    const s = section(owner, objs, r.kustomizations.find((k) => k.id === owner)?.path ?? '');
    const whole = s.head + s.body.join('') + s.tail;
    const reserve = 200 + (groups.length - left.length) * 80; // room for the list of what did not fit
    if (limit <= 0 || bytes(out) + bytes(whole) + reserve <= limit) {
      out += whole;
      continue;
    }
    if (left.length === 0 && !out.includes('<details>')) {
      // nothing shown yet: show the start of this section rather than nothing
      const room = limit - bytes(out) - bytes(s.head) - bytes(s.tail) - reserve - 120;
      if (room > 200) {
        const text = s.body.join('').slice(0, room);
        const cut = text.slice(0, text.lastIndexOf('\n') + 1);
        out += s.head + cut + closeFence(cut) + '\n*… cut here: output limited to ' + limit + ' bytes*\n\n' + s.tail;
        continue;
      }
    }
    left.push(owner);
  }
  if (left.length) {
    out += `**Not shown** (output limited to ${limit} bytes; run \`hops diff\` locally for everything): ${left.map(code).join(', ')}\n`;
  }
  return out;
}
