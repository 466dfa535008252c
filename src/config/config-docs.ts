import { SETTINGS } from './config.js';

/** The README's configuration table, generated from the settings so the two cannot drift apart. */
export function configTableMarkdown(): string {
  const rows = SETTINGS.map((setting) => `| \`${setting.env}\` | ${setting.shownDefault} | ${setting.doc} |`);
  return ['| Variable | Default | Meaning |', '| --- | --- | --- |', ...rows].join('\n');
}
