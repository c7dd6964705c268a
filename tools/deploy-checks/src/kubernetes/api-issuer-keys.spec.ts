import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { serviceNames } from '@fanout/contracts';
import { kustomizeBuild } from '../kustomize/kustomize-build';
import { defined } from '../support/defined';
import { repoPath } from '../support/repo-paths';
import type { Resource } from '../support/yaml-documents';
import { OVERLAYS } from './overlays';
import { mainContainer, podSpecOf } from './pod-spec';

/**
 * The services refuse to start without token verification, and a JWKS path that nothing is mounted
 * on is only found when a pod crash-loops: the file AUTH_JWKS_FILE names must be a key of a
 * ConfigMap mounted at that directory, and docs/kubernetes.md must create that ConfigMap (it is
 * deliberately not in k8s/: the keys belong to the cluster).
 */

interface Mount {
  name: string;
  mountPath: string;
  readOnly?: boolean;
}
interface Volume {
  name: string;
  configMap?: { name: string; items?: { key: string; path: string }[] };
}

describe.each(OVERLAYS)('k8s/overlays/%s: the API issuer keys', (overlay) => {
  const resources = kustomizeBuild(repoPath('k8s/overlays', overlay));
  const config = defined(
    resources.find((r) => r.kind === 'ConfigMap' && r.metadata.name === 'fanout-config'),
    'fanout-config',
  )['data'] as Record<string, string>;
  const jwksFile = defined(config['AUTH_JWKS_FILE'], 'AUTH_JWKS_FILE in fanout-config');

  it('names an issuer and an absolute JWKS path', () => {
    expect(config['AUTH_ISSUER']).toBeTruthy();
    expect(posix.isAbsolute(jwksFile)).toBe(true);
  });

  it.each([...serviceNames])('%s: mounts a ConfigMap key read-only at AUTH_JWKS_FILE', (name) => {
    const deployment = defined(
      resources.find((r: Resource) => r.kind === 'Deployment' && r.metadata.name === name),
      `Deployment ${name}`,
    );
    const mounts = (mainContainer(deployment) as { volumeMounts?: Mount[] }).volumeMounts ?? [];
    const mount = defined(
      mounts.find((m) => m.mountPath === posix.dirname(jwksFile)),
      `a volume mounted at ${posix.dirname(jwksFile)}`,
    );
    expect(mount.readOnly).toBe(true);
    const volumes = (podSpecOf(deployment) as { volumes?: Volume[] }).volumes ?? [];
    const volume = defined(
      volumes.find((v) => v.name === mount.name),
      `volume ${mount.name}`,
    );
    const configMap = defined(volume.configMap, `volume ${mount.name} from a ConfigMap`);
    const paths = (configMap.items ?? []).map((item) => item.path);
    expect(paths).toContain(posix.basename(jwksFile));
    expect(configMap.name).toBe('api-issuer');
  });

  it('has docs/kubernetes.md create the ConfigMap api-issuer with key jwks.json', () => {
    const docs = readFileSync(repoPath('docs/kubernetes.md'), 'utf8');
    expect(docs).toMatch(
      /kubectl -n fanout create configmap api-issuer --from-file=jwks\.json=\.data\/api-issuer\/jwks\.json/,
    );
  });
});
