// Tokens → documents of nodes, with go-yaml's grammar: block and flow collections, indentless sequences under a
// key, single-pair mappings inside flow sequences, empty nodes as empty plain scalars, anchors resolved to the
// latest definition before each alias (an unknown anchor is an error), tags resolved against %TAG handles.
import { Scanner, Style, T, YamlSyntaxError } from './yaml-scanner.js';
import type { Token } from './yaml-scanner.js';

export const enum Kind {
  Scalar = 1,
  Mapping,
  Sequence,
  Alias,
}

interface Props {
  /** Offset of the node (its first property, or its content). */
  start: number;
  /** Full tag (`tag:yaml.org,2002:str`, `!local`, `!` for the non-specific tag), or null. */
  tag: string | null;
  anchor: string | null;
}

export interface ScalarNode extends Props {
  kind: Kind.Scalar;
  value: string;
  style: Style;
  end: number;
}
export interface MappingNode extends Props {
  kind: Kind.Mapping;
  flow: boolean;
  /** Keys and values interleaved: k0, v0, k1, v1, … */
  pairs: YNode[];
}
export interface SequenceNode extends Props {
  kind: Kind.Sequence;
  flow: boolean;
  items: YNode[];
}
export interface AliasNode extends Props {
  kind: Kind.Alias;
  name: string;
  target: YNode;
}
export type YNode = ScalarNode | MappingNode | SequenceNode | AliasNode;

export interface DocNode {
  /** Offset of the document's `---`, or of its first token. */
  start: number;
  root: YNode;
  /** True when the document has no content (its root is an implied empty scalar). */
  empty: boolean;
}

export { YamlSyntaxError };

const DEFAULT_HANDLES: Record<string, string> = { '!': '!', '!!': 'tag:yaml.org,2002:' };

export function parseDocuments(text: string): DocNode[] {
  return new Parser(new Scanner(text)).stream();
}

class Parser {
  private anchors = new Map<string, YNode>();
  private handles: Record<string, string> = DEFAULT_HANDLES;

  constructor(private readonly sc: Scanner) {}

  stream(): DocNode[] {
    const docs: DocNode[] = [];
    let first = true;
    for (;;) {
      let tok = this.sc.peek();
      // Document end markers before a document are skipped (after the first one).
      if (!first) while (tok.t === T.DocEnd) tok = this.skip();
      if (tok.t === T.StreamEnd) return docs;
      this.anchors = new Map();
      this.handles = DEFAULT_HANDLES;
      const start = tok.start;
      const implicit = first && tok.t !== T.TagDirective && tok.t !== T.DocStart;
      if (!implicit) {
        while (tok.t === T.TagDirective) {
          if (this.handles === DEFAULT_HANDLES) this.handles = { ...DEFAULT_HANDLES };
          this.handles[tok.value] = tok.suffix;
          tok = this.skip();
        }
        if (tok.t !== T.DocStart) throw new YamlSyntaxError(tok.start, 'did not find expected <document start>');
        tok = this.skip();
      }
      first = false;
      let root: YNode;
      let empty = false;
      if (!implicit && (tok.t === T.TagDirective || tok.t === T.DocStart || tok.t === T.DocEnd || tok.t === T.StreamEnd)) {
        root = emptyScalar(tok.start);
        empty = true;
      } else root = this.node(true, false);
      docs.push({ start, root, empty });
      if (this.sc.peek().t === T.DocEnd) this.skip();
    }
  }

  private skip(): Token {
    this.sc.next();
    return this.sc.peek();
  }

  private node(block: boolean, indentlessSeq: boolean): YNode {
    let tok = this.sc.peek();
    if (tok.t === T.Alias) {
      this.sc.next();
      const target = this.anchors.get(tok.value);
      // go-yaml names the anchor; not quoted here (a value written with a leading `*` reads as an alias)
      if (!target) throw new YamlSyntaxError(tok.start, 'unknown anchor referenced');
      return { kind: Kind.Alias, start: tok.start, tag: null, anchor: null, name: tok.value, target };
    }
    const start = tok.start;
    let anchor: string | null = null;
    let tagTok: Token | null = null;
    for (let k = 0; k < 2; k++) {
      if (tok.t === T.Anchor && anchor === null) {
        anchor = tok.value;
        tok = this.skip();
      } else if (tok.t === T.Tag && tagTok === null) {
        tagTok = tok;
        tok = this.skip();
      }
    }
    const tag = tagTok ? this.resolveTag(tagTok) : null;
    let node: YNode;
    if (indentlessSeq && tok.t === T.BlockEntry) node = this.indentlessSequence(start, tag, anchor);
    else if (tok.t === T.Scalar) {
      this.sc.next();
      node = { kind: Kind.Scalar, start, tag, anchor, value: tok.value, style: tok.style as Style, end: tok.end };
    } else if (tok.t === T.FlowSeqStart) node = this.flowSequence(start, tag, anchor);
    else if (tok.t === T.FlowMapStart) node = this.flowMapping(start, tag, anchor);
    else if (block && tok.t === T.BlockSeqStart) node = this.blockSequence(start, tag, anchor);
    else if (block && tok.t === T.BlockMapStart) node = this.blockMapping(start, tag, anchor);
    else if (anchor !== null || tag !== null) {
      node = { kind: Kind.Scalar, start, tag, anchor, value: '', style: Style.Plain, end: tok.start };
    } else throw new YamlSyntaxError(tok.start, `did not find expected node content while parsing a ${block ? 'block' : 'flow'} node`);
    if (anchor !== null) this.anchors.set(anchor, node);
    return node;
  }

  private resolveTag(tok: Token): string {
    if (tok.value === '') return tok.suffix;
    const prefix = this.handles[tok.value];
    if (prefix === undefined) throw new YamlSyntaxError(tok.start, 'found undefined tag handle while parsing a node');
    return prefix + tok.suffix;
  }

  private blockSequence(start: number, tag: string | null, anchor: string | null): SequenceNode {
    const seq: SequenceNode = { kind: Kind.Sequence, start, tag, anchor, flow: false, items: [] };
    this.sc.next();
    for (;;) {
      const tok = this.sc.peek();
      if (tok.t === T.BlockEntry) {
        const next = this.skip();
        seq.items.push(next.t !== T.BlockEntry && next.t !== T.BlockEnd ? this.node(true, false) : emptyScalar(tok.end));
      } else if (tok.t === T.BlockEnd) {
        this.sc.next();
        return seq;
      } else throw new YamlSyntaxError(tok.start, "did not find expected '-' indicator while parsing a block collection");
    }
  }

  private indentlessSequence(start: number, tag: string | null, anchor: string | null): SequenceNode {
    const seq: SequenceNode = { kind: Kind.Sequence, start, tag, anchor, flow: false, items: [] };
    for (let tok = this.sc.peek(); tok.t === T.BlockEntry; tok = this.sc.peek()) {
      const next = this.skip();
      const t = next.t;
      seq.items.push(t !== T.BlockEntry && t !== T.Key && t !== T.Value && t !== T.BlockEnd ? this.node(true, false) : emptyScalar(tok.end));
    }
    return seq;
  }

  private blockMapping(start: number, tag: string | null, anchor: string | null): MappingNode {
    const map: MappingNode = { kind: Kind.Mapping, start, tag, anchor, flow: false, pairs: [] };
    this.sc.next();
    for (;;) {
      let tok = this.sc.peek();
      if (tok.t === T.BlockEnd) {
        this.sc.next();
        return map;
      }
      if (tok.t !== T.Key) throw new YamlSyntaxError(tok.start, 'did not find expected key while parsing a block mapping');
      tok = this.skip();
      map.pairs.push(tok.t !== T.Key && tok.t !== T.Value && tok.t !== T.BlockEnd ? this.node(true, true) : emptyScalar(tok.start));
      tok = this.sc.peek();
      if (tok.t === T.Value) {
        const next = this.skip();
        const t = next.t;
        map.pairs.push(t !== T.Key && t !== T.Value && t !== T.BlockEnd ? this.node(true, true) : emptyScalar(tok.end));
      } else map.pairs.push(emptyScalar(tok.start));
    }
  }

  private flowSequence(start: number, tag: string | null, anchor: string | null): SequenceNode {
    const seq: SequenceNode = { kind: Kind.Sequence, start, tag, anchor, flow: true, items: [] };
    let tok = this.skip();
    for (let first = true; ; first = false) {
      if (tok.t === T.FlowSeqEnd) break;
      if (!first) {
        if (tok.t !== T.FlowEntry) throw new YamlSyntaxError(tok.start, "did not find expected ',' or ']' while parsing a flow sequence");
        tok = this.skip();
        if (tok.t === T.FlowSeqEnd) break;
      }
      if (tok.t === T.Key) {
        // `[a: b]`: a single-pair mapping as the item.
        const pair: MappingNode = { kind: Kind.Mapping, start: tok.start, tag: null, anchor: null, flow: true, pairs: [] };
        tok = this.skip();
        pair.pairs.push(tok.t !== T.Value && tok.t !== T.FlowEntry && tok.t !== T.FlowSeqEnd ? this.node(false, false) : emptyScalar(tok.start));
        tok = this.sc.peek();
        if (tok.t === T.Value) {
          tok = this.skip();
          pair.pairs.push(tok.t !== T.FlowEntry && tok.t !== T.FlowSeqEnd ? this.node(false, false) : emptyScalar(tok.start));
        } else pair.pairs.push(emptyScalar(tok.start));
        seq.items.push(pair);
      } else seq.items.push(this.node(false, false));
      tok = this.sc.peek();
    }
    this.sc.next();
    return seq;
  }

  private flowMapping(start: number, tag: string | null, anchor: string | null): MappingNode {
    const map: MappingNode = { kind: Kind.Mapping, start, tag, anchor, flow: true, pairs: [] };
    let tok = this.skip();
    for (let first = true; ; first = false) {
      if (tok.t === T.FlowMapEnd) break;
      if (!first) {
        if (tok.t !== T.FlowEntry) throw new YamlSyntaxError(tok.start, "did not find expected ',' or '}' while parsing a flow mapping");
        tok = this.skip();
        if (tok.t === T.FlowMapEnd) break;
      }
      if (tok.t === T.Key) {
        tok = this.skip();
        map.pairs.push(tok.t !== T.Value && tok.t !== T.FlowEntry && tok.t !== T.FlowMapEnd ? this.node(false, false) : emptyScalar(tok.start));
        tok = this.sc.peek();
        if (tok.t === T.Value) {
          tok = this.skip();
          map.pairs.push(tok.t !== T.FlowEntry && tok.t !== T.FlowMapEnd ? this.node(false, false) : emptyScalar(tok.start));
        } else map.pairs.push(emptyScalar(tok.start));
      } else {
        // `{a, b: c}`: a key without ':' has an empty value.
        map.pairs.push(this.node(false, false));
        map.pairs.push(emptyScalar(this.sc.peek().start));
      }
      tok = this.sc.peek();
    }
    this.sc.next();
    return map;
  }
}

function emptyScalar(at: number): ScalarNode {
  return { kind: Kind.Scalar, start: at, tag: null, anchor: null, value: '', style: Style.Plain, end: at };
}
