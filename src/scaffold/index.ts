// Public API of the scaffold stage: `newApp()` (hops new app) and the parsers its flags go through.
export { newApp } from './new-app.js';
export type { NewAppOptions, NewAppResult, PlannedWrite, WriteAction } from './new-app.js';
export { parseAppRef, parseImage, parsePersistence, parseExternalSecret, parseDependsOn, parsePort, checkChartVersion, isExactVersion } from './app-spec.js';
export type { PersistenceSpec, ExternalSecretSpec, DependsOnSpec, ImageSpec } from './app-spec.js';
export { insertResource } from './wire.js';
export type { Fetch } from './online.js';
