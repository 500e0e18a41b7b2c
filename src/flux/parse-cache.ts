// Parsed YAML by text. Two views of one repository (the sides of a diff) read mostly the same files: with one cache
// for both, the second view parses only what differs. Files are read with the kustomize engine's fast block-YAML
// reader where it applies (it agrees with src/io's reader wherever it does not give up), else with src/io's.
import type { YValue } from '../core/resource.js';
import { resolvePlain } from '../io/scalar-rules.js';
import { parseYamlDocuments } from '../io/yaml-read.js';
import { fastParse } from '../kustomize/fast-yaml.js';

/** One document: its value and the 1-based line it starts at (its `---` marker, or its first content). */
export interface ParsedYaml {
  value: unknown;
  startLine: number;
}

const resolve = resolvePlain as (s: string) => YValue;

function fast(text: string): ParsedYaml[] | null {
  try {
    return fastParse(text, resolve);
  } catch {
    return null; // the full reader says what is wrong
  }
}

export class ParseCache {
  private readonly docs = new Map<string, ParsedYaml[] | null>();

  /** The documents of a text, or null when it does not parse (a build that reads the file reports why). */
  parse(text: string, file: string): ParsedYaml[] | null {
    let d = this.docs.get(text);
    if (d === undefined) {
      try {
        d = fast(text) ?? parseYamlDocuments(text, file);
      } catch {
        d = null;
      }
      this.docs.set(text, d);
    }
    return d;
  }
}
