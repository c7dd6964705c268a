import { readFileSync } from 'node:fs';
import { defined } from '../support/defined';
import { repoPath } from '../support/repo-paths';

/**
 * docs/kubernetes.md is what people run against a cluster: its commands are checked here, since no
 * cluster runs them in CI.
 */

const DOC = readFileSync(repoPath('docs/kubernetes.md'), 'utf8');
/** The first KEDA release whose Kafka scaler is tested against Kafka 4.x (Kafka 4.3.1 is pinned). */
const MIN_KEDA = '2.18.0';
/** The first Strimzi release that supports Kafka 4.3.1. */
const MIN_STRIMZI = '1.2.0';
const AUTOSCALER_SELECTOR = 'app.kubernetes.io/component=autoscaler';

/** Every shell command of the page's ```sh blocks, continuation lines joined, comments dropped. */
function shellCommands(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  return blocks.flatMap((block) =>
    block
      .replace(/\\\n\s*/g, ' ')
      .split('\n')
      .map((line) => line.replace(/\s+#.*$/, '').trim())
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
}

/** The section under a `## ` heading, up to the next one. */
function section(heading: string): string {
  const start = DOC.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`missing: section "${heading}"`);
  const end = DOC.indexOf('\n## ', start + 1);
  return DOC.slice(start, end < 0 ? undefined : end);
}

function option(command: string, name: string): string | undefined {
  return new RegExp(`--${name}[ =]'?([^\\s']+)'?`).exec(command)?.[1];
}

function compareVersions(a: string, b: string): number {
  const [pa, pb] = [a, b].map((v) => v.split('.').map(Number));
  for (let i = 0; i < 3; i += 1) {
    const diff = (pa?.[i] ?? 0) - (pb?.[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

const commands = shellCommands(DOC);
const indexOf = (pattern: RegExp, from = 0) =>
  commands.findIndex((command, i) => i >= from && pattern.test(command));

describe('docs/kubernetes.md', () => {
  const strimziInstall = defined(
    commands.find((c) => /^helm install strimzi /.test(c)),
    'helm install strimzi',
  );
  const operatorNamespace = defined(option(strimziInstall, 'namespace'), 'the operator namespace');

  it('installs a Strimzi release that supports the pinned Kafka, wherever it names one', () => {
    const versions = [
      defined(option(strimziInstall, 'version'), 'the Strimzi chart version'),
      ...[...DOC.matchAll(/Strimzi (\d+\.\d+(?:\.\d+)?) or later/g)].map((m) => m[1] ?? ''),
      ...commands
        .filter((c) => /strimzi-kafka-operator/.test(c))
        .map((c) => defined(option(c, 'version'), `--version in: ${c}`)),
    ];
    for (const version of versions) {
      expect({ version, supported: compareVersions(version, MIN_STRIMZI) >= 0 }).toEqual({
        version,
        supported: true,
      });
    }
  });

  it('installs the Strimzi operator in its own namespace, watching fanout', () => {
    expect(operatorNamespace).not.toBe('fanout');
    expect(strimziInstall).toMatch(/watchNamespaces=\{[^}]*\bfanout\b[^}]*\}/);
    // The chart creates RoleBindings in the watched namespace: it must exist before the install.
    const namespaceFirst = indexOf(/^kubectl apply -f k8s\/base\/namespace\.yaml$/);
    expect(namespaceFirst).toBeGreaterThanOrEqual(0);
    expect(namespaceFirst).toBeLessThan(commands.indexOf(strimziInstall));
  });

  it('removes the KafkaTopics, then Fanout, then the operator from its own namespace', () => {
    const removal = shellCommands(section('Remove it'));
    const at = (pattern: RegExp) => removal.findIndex((c) => pattern.test(c));
    const topics = at(/^kubectl -n fanout delete kafkatopic(s)? -l strimzi\.io\/cluster=fanout\b/);
    const fanout = at(/^kubectl delete -k k8s\/overlays\//);
    const uninstall = at(/^helm uninstall strimzi\b/);
    expect(topics).toBeGreaterThanOrEqual(0);
    expect(fanout).toBeGreaterThan(topics);
    expect(uninstall).toBeGreaterThan(fanout);
    expect(option(defined(removal[uninstall], 'helm uninstall'), 'namespace')).toBe(
      operatorNamespace,
    );
  });

  it('installs a KEDA release whose Kafka scaler is tested against Kafka 4.x, wherever it names one', () => {
    const kedaInstall = defined(
      commands.find((c) => /^helm install keda kedacore\/keda /.test(c)),
      'helm install keda',
    );
    const component = readFileSync(
      repoPath('k8s/components/keda-lag-autoscaling/kustomization.yaml'),
      'utf8',
    );
    const versions = [
      defined(option(kedaInstall, 'version'), 'the KEDA chart version'),
      ...[...`${DOC}\n${component}`.matchAll(/KEDA v?(\d+\.\d+(?:\.\d+)?)/g)].map(
        (m) => m[1] ?? '',
      ),
    ];
    expect(versions.length).toBeGreaterThan(1);
    for (const version of versions) {
      expect({ version, supported: compareVersions(version, MIN_KEDA) >= 0 }).toEqual({
        version,
        supported: true,
      });
    }
  });

  it('switches from local to local-keda and back without two autoscalers on one Deployment', () => {
    // Forward: the ScaledObjects take the HPAs over (checked on the manifests), a plain apply.
    const toKeda = indexOf(/^kubectl apply -k k8s\/overlays\/local-keda$/);
    expect(toKeda).toBeGreaterThanOrEqual(0);
    // Back: the ScaledObjects and the HPAs they own go before the local overlay is applied again.
    const deleteScaled = indexOf(
      new RegExp(`^kubectl -n fanout delete scaledobjects? -l ${AUTOSCALER_SELECTOR}\\b`),
      toKeda,
    );
    expect(deleteScaled).toBeGreaterThan(toKeda);
    const deleteHpas = indexOf(
      new RegExp(`^kubectl -n fanout delete hpa -l ${AUTOSCALER_SELECTOR}\\b`),
      deleteScaled,
    );
    expect(deleteHpas).toBeGreaterThan(deleteScaled);
    const backToLocal = indexOf(/^kubectl apply -k k8s\/overlays\/local$/, deleteHpas);
    expect(backToLocal).toBeGreaterThan(deleteHpas);
  });
});
