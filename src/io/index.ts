// io: the filesystem seen by the build, and YAML read/write with kustomize v5.7.1's exact rules.
export { DiskFS, MemoryFS, FileNotFoundError, compareBytewise } from './fs.js';
export type { FileSystem } from './fs.js';
export { parseYamlDocuments, parseYaml, YamlParseError } from './yaml-read.js';
export type { YamlDoc, ParseOptions, Position, PathElement, KeyProblem, DuplicateKey } from './yaml-read.js';
export { parseYamlFast } from './yaml-fast.js';
export type { FastDoc } from './yaml-fast.js';
export { stringifyYaml, stringifyDocuments, YamlWriteError } from './yaml-write.js';
export type { YamlValue } from './yaml-write.js';
export { resolvePlain, resolvePlainV2, v2NeedsQuotes } from './scalar-rules.js';
export { formatNumber, sortKeysV2, compareKeysV2 } from './go-format.js';
