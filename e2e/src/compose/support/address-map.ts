/**
 * Replaces compose network addresses (`kafka:9092`, `postgres:5432`) by the local ones that stand
 * in for them, wherever they occur in a value (a bootstrap list, a database URL, a command). A
 * host:port that is not in the map stays as it is, and so stays unreachable here: a wrong address
 * in the file fails as it would in Docker.
 */
export function mapAddresses(value: string, addresses: Readonly<Record<string, string>>): string {
  return value.replace(
    /([A-Za-z0-9][A-Za-z0-9.-]*):(\d+)/g,
    (address: string) => addresses[address] ?? address,
  );
}
