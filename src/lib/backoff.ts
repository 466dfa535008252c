/**
 * Delay before retry number `attempt` (1-based): `baseMs` doubled per attempt, capped, with ±25 %
 * jitter so that jobs failing together (a flaky audio host) do not all come back at the same moment.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs = 10 * 60_000, random = Math.random): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * (0.75 + random() * 0.5));
}
