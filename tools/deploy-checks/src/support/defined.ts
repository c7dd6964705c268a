/** The value, or a thrown error naming what was missing: a failed lookup fails the test loudly. */
export function defined<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`missing: ${what}`);
  return value;
}
