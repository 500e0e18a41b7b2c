// Every rule, in the order their findings are listed for one line. Add a rule: one file here, one entry below.
import type { Rule } from '../rule.js';
import { undefinedVariable } from './undefined-variable.js';
import { sourceMissing } from './source-missing.js';
import { dependencyMissing } from './dependency-missing.js';
import { dependencyCycle } from './dependency-cycle.js';
import { pathNotFound } from './path-not-found.js';
import { secretMissing } from './secret-missing.js';
import { configMapMissing } from './configmap-missing.js';
import { secretStoreMissing } from './secret-store-missing.js';
import { pvcMissing } from './pvc-missing.js';
import { duplicateResource } from './duplicate-resource.js';
import { namespaceMissing } from './namespace-missing.js';
import { namespaceUnset } from './namespace-unset.js';
import { unpinnedChart } from './unpinned-chart.js';
import { unpinnedImage } from './unpinned-image.js';
import { helmValuesSchema } from './helm-values-schema.js';

export const rules: readonly Rule[] = [
  undefinedVariable,
  pathNotFound,
  sourceMissing,
  dependencyMissing,
  dependencyCycle,
  secretMissing,
  configMapMissing,
  secretStoreMissing,
  pvcMissing,
  namespaceMissing,
  namespaceUnset,
  duplicateResource,
  unpinnedChart,
  unpinnedImage,
  helmValuesSchema,
];
