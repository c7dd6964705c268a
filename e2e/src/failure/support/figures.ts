import { appendFileSync } from 'node:fs';

/**
 * Records a scenario's measured figures: printed, and appended as one JSON line to
 * FAILURE_FIGURES_FILE when set (for the CI summary and docs/failure-isolation.md).
 */
export function recordFigures(scenario: string, figures: Record<string, unknown>): void {
  const line = JSON.stringify({ scenario, ...figures });
  process.stdout.write(`[failure figures] ${line}\n`);
  const file = process.env['FAILURE_FIGURES_FILE'];
  if (file) appendFileSync(file, `${line}\n`);
}
