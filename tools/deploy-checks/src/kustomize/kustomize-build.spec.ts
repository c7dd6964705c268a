import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseYamlDocuments } from '../support/yaml-documents';
import { repoPath } from '../support/repo-paths';
import { kustomizeBuild, KustomizeError, parseImage, resourceId } from './kustomize-build';
import { OVERLAYS } from '../kubernetes/overlays';

describe('kustomizeBuild', () => {
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'kustomize-'));
    write(
      'base/deployment.yaml',
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: api }
spec:
  template:
    spec:
      containers:
        - name: api
          image: example/api
          env: [{ name: A, value: '1' }]
        - name: sidecar
          image: example/sidecar:1.0
`,
    );
    write(
      'base/hpa.yaml',
      'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: { name: api }\n',
    );
    write('base/kustomization.yaml', 'namespace: demo\nresources: [deployment.yaml, hpa.yaml]\n');
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('renders bases, components, patches, namespaces and images in order', () => {
    write(
      'component/kustomization.yaml',
      `apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
resources: [extra.yaml]
patches: [{ path: drop-hpa.yaml }, { path: env.yaml }]
`,
    );
    write('component/extra.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: extra }\n');
    write(
      'component/drop-hpa.yaml',
      '$patch: delete\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: { name: api }\n',
    );
    write(
      'component/env.yaml',
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: api }
spec:
  template:
    spec:
      containers:
        - name: api
          env: [{ name: B, value: '2' }]
`,
    );
    write(
      'overlay/kustomization.yaml',
      `resources: [../base]
components: [../component]
images: [{ name: example/api, newTag: '2.0' }]
`,
    );

    const rendered = kustomizeBuild(join(root, 'overlay'));

    expect(rendered.map(resourceId).sort()).toEqual([
      'apps/v1/Deployment/demo/api',
      'v1/ConfigMap/~/extra',
    ]);
    const deployment = rendered.find((r) => r.kind === 'Deployment') as unknown as {
      spec: { template: { spec: { containers: { image: string; env?: unknown[] }[] } } };
    };
    const [api, sidecar] = deployment.spec.template.spec.containers;
    expect(api?.image).toBe('example/api:2.0');
    expect(api?.env).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: '2' },
    ]);
    expect(sidecar?.image).toBe('example/sidecar:1.0');
  });

  it('refuses a kustomization field it does not implement instead of ignoring it', () => {
    write('overlay/kustomization.yaml', 'resources: [../base]\nnamePrefix: dev-\n');
    expect(() => kustomizeBuild(join(root, 'overlay'))).toThrow(KustomizeError);
  });

  it('refuses a patch that matches nothing', () => {
    write(
      'overlay/patch.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: nope }\n',
    );
    write('overlay/kustomization.yaml', 'resources: [../base]\npatches: [{ path: patch.yaml }]\n');
    expect(() => kustomizeBuild(join(root, 'overlay'))).toThrow(/matches 0 resources/);
  });

  it('applies a targeted patch to every resource of its kind with the labels, under its own name', () => {
    write(
      'base/worker.yaml',
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: worker, labels: { tier: app } }
spec: { template: { spec: { containers: [{ name: worker, image: example/worker }] } } }
`,
    );
    write('base/kustomization.yaml', 'resources: [deployment.yaml, worker.yaml]\n');
    write(
      'overlay/init.yaml',
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: any }
spec: { template: { spec: { initContainers: [{ name: wait, image: busybox }] } } }
`,
    );
    write(
      'overlay/kustomization.yaml',
      `resources: [../base]
patches: [{ path: init.yaml, target: { kind: Deployment, labelSelector: tier=app } }]
`,
    );
    const rendered = kustomizeBuild(join(root, 'overlay'));
    const initOf = (name: string) =>
      (
        rendered.find((r) => r.metadata.name === name) as unknown as {
          spec: { template: { spec: { initContainers?: { name: string }[] } } };
        }
      ).spec.template.spec.initContainers;
    expect(rendered.map((r) => r.metadata.name).sort()).toEqual(['api', 'worker']);
    expect(initOf('worker')).toEqual([{ name: 'wait', image: 'busybox' }]);
    expect(initOf('api')).toBeUndefined();

    write(
      'overlay/kustomization.yaml',
      `resources: [../base]
patches: [{ path: init.yaml, target: { kind: Deployment, labelSelector: tier=none } }]
`,
    );
    expect(() => kustomizeBuild(join(root, 'overlay'))).toThrow(/matches nothing/);
  });

  it('refuses a resource defined twice', () => {
    write('overlay/kustomization.yaml', 'resources: [../base/hpa.yaml, ../base/hpa.yaml]\n');
    expect(() => kustomizeBuild(join(root, 'overlay'))).toThrow(/defined twice/);
  });

  it('parses image references with registries, ports, tags and digests', () => {
    expect(parseImage('registry:5000/team/app:1.2')).toEqual({
      name: 'registry:5000/team/app',
      tag: '1.2',
    });
    expect(parseImage('app@sha256:abc')).toEqual({ name: 'app', digest: 'sha256:abc' });
    expect(parseImage('app')).toEqual({ name: 'app' });
  });
});

/** kubectl embeds kustomize; where it is installed, the two renderings must agree exactly. */
const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
const kubectlInstalled = kubectl.status === 0;
const itWithKubectl = kubectlInstalled ? it : it.skip;

describe(`k8s overlays against kubectl kustomize (${kubectlInstalled ? 'installed' : 'NOT installed: skipped'})`, () => {
  itWithKubectl.each(OVERLAYS)('overlays/%s renders as kubectl kustomize renders it', (overlay) => {
    const directory = repoPath('k8s/overlays', overlay);
    const result = spawnSync('kubectl', ['kustomize', directory], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const byId = (resources: ReturnType<typeof kustomizeBuild>) =>
      Object.fromEntries(resources.map((resource) => [resourceId(resource), resource]));
    expect(byId(kustomizeBuild(directory))).toEqual(
      byId(parseYamlDocuments(result.stdout, 'kubectl kustomize')),
    );
  });
});
