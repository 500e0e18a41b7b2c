// The local chart the `hops diff hr` tests render with the real helm: a stand-in for app-template 5.1.0 (the chart
// examples/homelab's jellyfin HelmRelease uses) that reads the values jellyfin sets. It has what those tests look at:
// a Deployment carrying the image and helm's chart label, a Secret (masked in diffs), a Service, and a test hook
// (helm-controller drops it unless test.enable).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const IMAGE = '{{ .Values.controllers.jellyfin.containers.app.image.repository }}:{{ .Values.controllers.jellyfin.containers.app.image.tag }}';

/** The chart's files, path → text. */
export const APP_TEMPLATE_CHART: Readonly<Record<string, string>> = {
  'Chart.yaml': 'apiVersion: v2\nname: app-template\nversion: 5.1.0\n',
  'templates/deployment.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: {{ .Release.Name }}',
    '  labels:',
    '    helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: app',
    `          image: "${IMAGE}"`,
    '---',
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    '  name: {{ .Release.Name }}-token',
    'stringData:',
    '  image-tag: {{ .Values.controllers.jellyfin.containers.app.image.tag | quote }}',
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: {{ .Release.Name }}',
    'spec:',
    '  ports:',
    '    - port: 8096',
    '',
  ].join('\n'),
  'templates/tests/ping.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}-ping\n  annotations:\n    helm.sh/hook: test\n',
};

/** Write the chart's files below `dir` (the chart's own folder). */
export function writeAppTemplateChart(dir: string): void {
  for (const [p, text] of Object.entries(APP_TEMPLATE_CHART)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
}

/** A temp folder of local charts holding `app-template/` (what --chart-dir takes); `dispose` removes it. */
export function tempChartDir(): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'hops-charts-'));
  writeAppTemplateChart(join(dir, 'app-template'));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
