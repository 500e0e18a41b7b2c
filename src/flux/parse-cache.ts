// Parsed YAML by text. Two views of one repository (the sides of a diff) read mostly the same files: with one cache
// for both, the second view parses only what differs.
import { parseYamlDocuments } from '../io/yaml-read.js';
import type { YamlDoc } from '../io/yaml-read.js';

export class ParseCache {
  private readonly docs = new Map<string, YamlDoc[] | null>();

  /** The documents of a text, or null when it does not parse (a build that reads the file reports why). */
  parse(text: string, file: string): YamlDoc[] | null {
    let d = this.docs.get(text);
    if (d === undefined) {
      try {
        d = parseYamlDocuments(text, file);
      } catch {
        d = null;
      }
      this.docs.set(text, d);
    }
    return d;
  }
}
