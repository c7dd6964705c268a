/** Just enough HTTP for the scenarios: JSON in, status and JSON out. */
export interface JsonResponse<T = unknown> {
  status: number;
  body: T;
}

/** `headers` carries the caller's token: `{ authorization: 'Bearer …' }` (TestIssuer.headersFor). */
export async function getJson<T>(
  url: string,
  headers: Record<string, string> = {},
): Promise<JsonResponse<T>> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
  return { status: response.status, body: (await response.json()) as T };
}

export async function postJson<T>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}
