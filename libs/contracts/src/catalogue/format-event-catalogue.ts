import { format, resolveConfig } from 'prettier';
import { renderEventCatalogue } from './render-event-catalogue';

/** The catalogue as committed: rendered, then formatted with the repository's Prettier config. */
export async function formatEventCatalogue(target: string): Promise<string> {
  const config = await resolveConfig(target);
  return format(renderEventCatalogue(), { ...config, filepath: target });
}
