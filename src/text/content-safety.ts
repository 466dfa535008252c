import { isProfane } from './profanity.js';
import type { Sentence } from './sentences.js';

/** AssemblyAI's 19 content-safety labels. */
export const CONTENT_SAFETY_LABELS = [
  'accidents', 'alcohol', 'financials', 'crime_violence', 'drugs', 'gambling', 'hate_speech', 'health_issues', 'manga',
  'marijuana', 'disasters', 'negative_news', 'nsfw', 'pornography', 'profanity', 'sensitive_social_issues', 'terrorism',
  'tobacco', 'weapons',
] as const;
export type ContentSafetyLabel = (typeof CONTENT_SAFETY_LABELS)[number];

/** AssemblyAI's `content_safety_labels`. */
export interface ContentSafetyResult {
  status: 'success' | 'unavailable';
  results: {
    text: string;
    labels: { label: ContentSafetyLabel; confidence: number; severity: number | null }[];
    sentences_idx_start: number;
    sentences_idx_end: number;
    timestamp: { start: number; end: number };
  }[];
  summary: Partial<Record<ContentSafetyLabel, number>>;
  severity_score_summary: Partial<Record<ContentSafetyLabel, { low: number; medium: number; high: number }>>;
}

const lexicon = (terms: string): RegExp => new RegExp(`\\b(?:${terms.trim().split(/\s*,\s*/).join('|')})\\b`, 'gi');

/**
 * Keyword lexicons (stems with optional endings). Context-free: "killing it" and "drug store"
 * are excluded by phrase where cheap; everything subtler (sarcasm, hate speech without slurs) is
 * beyond keywords (nlp-notes §3.12). `profanity` uses obscenity, like filter_profanity.
 */
const LEXICONS: Partial<Record<ContentSafetyLabel, RegExp>> = {
  accidents: lexicon('accidents?, crash(?:ed|es)?, collisions?, car wreck, pile-?up, derail(?:ed|ment)?, fell off, injured in, ran over'),
  alcohol: lexicon('alcohol(?:ic)?, beers?, wines?, vodka, whiske?y, tequila, rum, cocktails?, drunk, hangover, booze, liquor, brewery, bartender, champagne'),
  financials: lexicon('stocks?, stock market, shares, investors?, investments?, earnings, revenue, profits?, interest rates?, inflation, mortgages?, loans?, debt, bankruptcy, credit cards?, dividends?, nasdaq, dow jones, recession'),
  crime_violence: lexicon('murder(?:ed|s)?, killed, killings, killing (?:of|him|her|them|\\w+ people), shot (?:him|her|them|two|three|\\w+ people), shooting, stabb(?:ed|ing), assault(?:ed)?, robbery, robbed, burglary, kidnapp(?:ed|ing), threatened, arrested, violence, violent, crimes?, criminals?, gang, homicide, beat(?:en)? up'),
  drugs: lexicon('cocaine, heroin, meth(?:amphetamine)?, opioids?, fentanyl, overdose(?:d)?, drug dealers?, drug abuse, drug addiction, addicts?, narcotics, illegal drugs, lsd, ecstasy'),
  gambling: lexicon('gambl(?:e|ing|er)s?, casinos?, poker, betting, bets?, sportsbook, lottery, slot machines?, blackjack, roulette, jackpot'),
  hate_speech: lexicon('racists?, racism, bigot(?:s|ry)?, white supremac(?:y|ist), hate speech, nazis?, slurs?'),
  health_issues: lexicon('cancer, diabetes, disease, illness, sick, symptoms?, hospital(?:ized)?, pandemic, covid, virus, infections?, heart attack, stroke, surgery, diagnosed, chronic, asthma, depression, air quality, pollution'),
  manga: lexicon('manga, anime, otaku, shonen, shojo'),
  marijuana: lexicon('marijuana, cannabis, weed, pot smoking, smok(?:e|ing) pot, thc, cbd, edibles, dispensar(?:y|ies), stoned'),
  disasters: lexicon('earthquakes?, hurricanes?, tornado(?:e)?s?, floods?, flooding, wildfires?, tsunamis?, disasters?, evacuat(?:e|ed|ion), droughts?, volcano(?:es)?, eruption, landslides?, blizzard, smoke from'),
  negative_news: lexicon('layoffs?, laid off, scandal, crisis, lawsuit, fraud, died, deaths?, dead, tragedy, tragic, victims?, collapse(?:d)?, shortage, protests?, unemployment'),
  nsfw: lexicon('nude, naked, sexy, sexual(?:ly)?, strip club, stripper, explicit'),
  pornography: lexicon('porn(?:ography|ographic)?, xxx, sex tape, onlyfans'),
  sensitive_social_issues: lexicon('abortion, gun control, immigration, immigrants?, refugees?, racial, discrimination, lgbtq?, same-sex marriage, transgender, police brutality, death penalty, poverty, homeless(?:ness)?, suicide'),
  terrorism: lexicon('terroris(?:m|ts?), terror attack, bomb(?:s|ing|ings)?, explosives?, isis, al-?qaeda, extremists?, jihad(?:ist)?, hostages?, suicide bomber'),
  tobacco: lexicon('tobacco, cigarettes?, cigars?, smok(?:ing|er|ers), vap(?:e|ing), nicotine, e-cigarettes?, chewing tobacco'),
  weapons: lexicon('guns?, rifles?, pistols?, firearms?, weapons?, ammunition, ammo, shotguns?, knife, knives, handguns?, assault rifle, bullets?, grenades?, shot (?:him|her|them|two|three|\\w+ people)'),
};

/** Invented but monotone: one keyword hit is a weak signal, several are a strong one. */
function confidenceFor(hits: number): number {
  return Math.round((1 - 0.5 ** (hits + 0.5)) * 1000) / 1000;
}

function labelsOf(sentence: Sentence): Map<ContentSafetyLabel, number> {
  const hits = new Map<ContentSafetyLabel, number>();
  for (const [label, pattern] of Object.entries(LEXICONS) as [ContentSafetyLabel, RegExp][]) {
    const count = sentence.text.match(pattern)?.length ?? 0;
    if (count > 0) hits.set(label, count);
  }
  const profane = sentence.text.split(' ').filter(isProfane).length;
  if (profane > 0) hits.set('profanity', profane);
  return hits;
}

/**
 * Content-safety sections: consecutive sentences with the same labels form one section. Labels
 * whose confidence is below `threshold` (content_safety_confidence, 25–100) are dropped. Severity
 * cannot be estimated from keywords, so it is null and severity_score_summary stays empty rather
 * than report invented numbers.
 */
export function contentSafety(sentences: readonly Sentence[], threshold = 50): ContentSafetyResult {
  const results: ContentSafetyResult['results'] = [];
  const summary: ContentSafetyResult['summary'] = {};
  let previousKey = '';
  sentences.forEach((sentence, index) => {
    const labels = [...labelsOf(sentence)]
      .map(([label, hits]) => ({ label, confidence: confidenceFor(hits), severity: null }))
      .filter((label) => label.confidence * 100 >= threshold);
    const key = labels.map((label) => label.label).sort().join(',');
    const open = results.at(-1);
    if (labels.length === 0) {
      previousKey = '';
      return;
    }
    if (open !== undefined && key === previousKey) {
      open.text += ` ${sentence.text}`;
      open.sentences_idx_end = index;
      open.timestamp.end = sentence.end;
      for (const label of open.labels) label.confidence = Math.max(label.confidence, labels.find((l) => l.label === label.label)?.confidence ?? 0);
    } else {
      results.push({ text: sentence.text, labels, sentences_idx_start: index, sentences_idx_end: index, timestamp: { start: sentence.start, end: sentence.end } });
    }
    previousKey = key;
    for (const label of labels) summary[label.label] = Math.max(summary[label.label] ?? 0, label.confidence);
  });
  return { status: 'success', results, summary, severity_score_summary: {} };
}
