// Parsed YAML by text. Two views of one repository (the sides of a diff) read mostly the same files: with one cache
// for both, the second view parses only what differs. Files are read with src/io's fast reader where it applies,
// else with its full reader.
import { parseYamlFast } from '../io/yaml-fast.js';
import { parseYamlDocuments } from '../io/yaml-read.js';

/** One document: its value and the 1-based line it starts at (its `---` marker, or its first content). */
export interface ParsedYaml {
  value: unknown;
  startLine: number;
}

function fast(text: string): ParsedYaml[] | null {
  try {
    return parseYamlFast(text);
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
