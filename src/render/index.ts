// Public API of the render stage (makejinja-compatible configure, and vars).
export { configure } from './configure.js';
export type { ConfigureOptions, ConfigureResult } from './configure.js';
export { vars } from './vars/vars.js';
export type { VarsResult, VarRow } from './vars/vars.js';
export type { PrepareOptions } from './prepare.js';
export type { ResolvedConfig, ConfigOverrides } from './config/resolve.js';
export type { Change, ChangeKind } from './apply/changes.js';
export { MANIFEST_PATH, MANIFEST_FORMAT } from './apply/manifest.js';
export type { Manifest, ManifestEntry } from './apply/manifest.js';
export type { PluginModule, PluginContext } from './plugins/types.js';
