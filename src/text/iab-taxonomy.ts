import { readFileSync } from 'node:fs';

/**
 * The 698 topics of IAB Content Taxonomy 2.0 (rows 1–698; rows 1000+ are content channels and
 * types, which AssemblyAI does not use). The TSV is bundled under src/text/data (CC BY 3.0, see
 * data/NOTICE.md) and read once, synchronously, when this module is first imported. The compiled
 * module runs from dist/src/text/, so the path climbs back to the source tree, which tsc does not copy.
 */
const TAXONOMY_FILE = new URL('../../../src/text/data/iab-content-taxonomy-2.0.tsv', import.meta.url);

export interface IabTopic {
  /** AssemblyAI's label, e.g. "Home&Garden>IndoorEnvironmentalQuality". */
  label: string;
  /** The tier names from the top, e.g. ["Home & Garden", "Indoor Environmental Quality"]. */
  path: string[];
}

/**
 * AssemblyAI's label form: tiers joined by ">", each word's first letter raised and the spaces
 * removed ("Diseases and Conditions" → "DiseasesAndConditions", "Internet for Beginners" →
 * "InternetForBeginners"); "&" and other punctuation are kept.
 */
export function iabLabel(path: readonly string[]): string {
  return path.map((tier) => tier.split(' ').map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('')).join('>');
}

function loadTopics(): IabTopic[] {
  const topics: IabTopic[] = [];
  for (const line of readFileSync(TAXONOMY_FILE, 'utf8').split(/\r?\n/)) {
    const [id, , , ...tiers] = line.split('\t');
    const number = Number(id);
    if (!Number.isInteger(number) || number < 1 || number > 698) continue;
    const path = tiers.map((tier) => tier.trim()).filter((tier) => tier !== '');
    topics.push({ label: iabLabel(path), path });
  }
  return topics;
}

export const IAB_TOPICS: readonly IabTopic[] = loadTopics();
