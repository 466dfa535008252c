import { segmentTopics } from './chapters.js';
import { stem, type AnalysedText } from './content-words.js';
import { IAB_TOPICS } from './iab-taxonomy.js';

/** AssemblyAI's `iab_categories_result`. */
export interface IabCategoriesResult {
  status: 'success' | 'unavailable';
  results: { text: string; labels: { relevance: number; label: string }[]; timestamp: { start: number; end: number } }[];
  summary: Record<string, number>;
}

/**
 * Words a topic's talk uses that its IAB name does not ("mortgage" for housing). The names alone
 * are too sparse to recognise talk (nlp-notes §3.13); this list covers the tier-1 topics and the
 * tier-2/3 topics most common in calls, news and podcasts. Keys must be labels of IAB_TOPICS.
 */
const TOPIC_WORDS: Record<string, string> = {
  'Automotive': 'car vehicle driving driver engine dealership mileage tire brake sedan truck',
  'BooksAndLiterature': 'book novel author reading chapter library publisher',
  'BusinessAndFinance': 'company business market revenue profit customer quarter ceo startup',
  'BusinessAndFinance>Economy': 'economy inflation gdp recession growth economist federal reserve rate price',
  'BusinessAndFinance>Economy>HousingMarket': 'housing home price mortgage buyer seller rent listing',
  'BusinessAndFinance>Economy>JobMarket': 'job hiring unemployment layoff worker wage employer labor',
  'Careers': 'career job resume interview hiring salary promotion employer',
  'Education': 'school student teacher class course university college exam homework',
  'FamilyAndRelationships': 'family parent child kid wife husband mother father relationship',
  'Food&Drink': 'food recipe restaurant cook cooking meal dinner lunch chef kitchen',
  'HealthyLiving': 'health healthy exercise diet sleep wellness fitness',
  'Home&Garden': 'home house garden kitchen furniture yard',
  'Home&Garden>IndoorEnvironmentalQuality': 'air quality indoor smoke purifier ventilation mold',
  'MedicalHealth': 'doctor patient hospital symptom treatment disease medication clinic diagnosis',
  'Movies': 'movie film actor director cinema hollywood',
  'MusicAndAudio': 'music song album band singer concert podcast radio',
  'NewsAndPolitics': 'news government president election policy minister congress senator',
  'NewsAndPolitics>Politics': 'election vote voter campaign president congress senate democrat republican',
  'NewsAndPolitics>Weather': 'weather forecast rain storm temperature wind snow smoke heat wildfire',
  'NewsAndPolitics>Disasters': 'wildfire earthquake hurricane flood tornado disaster evacuation',
  'NewsAndPolitics>Crime': 'police crime arrest suspect investigation court',
  'PersonalFinance': 'money bank account saving budget payment loan',
  'PersonalFinance>ConsumerBanking': 'bank account checking savings deposit withdrawal branch',
  'PersonalFinance>PersonalDebt>CreditCards': 'credit card charge balance statement fraud transaction',
  'PersonalFinance>PersonalInvesting': 'invest investment stock portfolio fund dividend broker',
  'Pets': 'pet dog cat puppy kitten vet animal',
  'RealEstate': 'property house apartment rent landlord tenant realtor',
  'Science': 'science research scientist experiment study data',
  'Science>Environment': 'climate environment pollution carbon emission',
  'Shopping': 'shopping store buy purchase order discount sale',
  'Sports': 'game team player coach season score league match',
  'Technology&Computing': 'technology software computer app device internet data',
  'Technology&Computing>ArtificialIntelligence': 'ai artificial intelligence machine learning model neural chatbot',
  'Technology&Computing>Computing>ComputerNetworking': 'network server cloud bandwidth router',
  'Technology&Computing>ConsumerElectronics': 'phone laptop tablet chip graphics processor',
  'Television': 'tv television show episode series season channel',
  'Travel': 'travel trip flight hotel vacation airport tourist',
  'VideoGaming': 'game gaming console player xbox playstation nintendo',
};

const NAME_WEIGHT = 2;
/** A label needs at least this much keyword evidence to be reported at all. */
const MIN_SCORE = 1.5;
const MAX_LABELS = 5;

const tokens = (text: string): string[] => (text.toLowerCase().match(/[a-z]+/g) ?? []).filter((word) => word.length > 1 && word !== 'and').map(stem);

/** Per-label keyword weights: its path's words (leaf weighted double) plus its TOPIC_WORDS. */
const LABEL_TERMS: Map<string, number>[] = IAB_TOPICS.map((topic) => {
  const terms = new Map<string, number>();
  topic.path.forEach((tier, depth) => {
    for (const word of tokens(tier)) terms.set(word, Math.max(terms.get(word) ?? 0, depth === topic.path.length - 1 ? NAME_WEIGHT : 1));
  });
  for (const word of tokens(TOPIC_WORDS[topic.label] ?? '')) terms.set(word, Math.max(terms.get(word) ?? 0, NAME_WEIGHT));
  return terms;
});

/** Inverse document frequency over the 698 labels: "sports" says less than "lacrosse". */
const IDF = new Map<string, number>();
for (const terms of LABEL_TERMS) for (const term of terms.keys()) IDF.set(term, (IDF.get(term) ?? 0) + 1);
for (const [term, count] of IDF) IDF.set(term, Math.log(1 + IAB_TOPICS.length / count));

function scoreLabels(counts: ReadonlyMap<string, number>): { label: string; score: number }[] {
  return LABEL_TERMS.map((terms, index) => {
    let score = 0;
    for (const [term, weight] of terms) score += Math.sqrt(counts.get(term) ?? 0) * weight * (IDF.get(term) ?? 0);
    // Divide by the label's vocabulary so long names do not win by size.
    return { label: IAB_TOPICS[index]?.label ?? '', score: score / Math.sqrt(terms.size) };
  }).filter((entry) => entry.score >= MIN_SCORE).sort((a, b) => b.score - a.score).slice(0, MAX_LABELS);
}

/**
 * IAB topics per topic segment (the chapters' segmentation), with relevance = score relative to
 * the segment's best label scaled by how strong that best evidence is. Summary: each label's
 * duration-weighted relevance over the transcript, scaled so the top label is 1, as AssemblyAI's is.
 */
export function iabCategories(text: AnalysedText): IabCategoriesResult {
  const results: IabCategoriesResult['results'] = [];
  const totals = new Map<string, number>();
  for (const range of segmentTopics(text)) {
    const sentences = text.sentences.slice(range.from, range.to);
    const counts = new Map<string, number>();
    for (const sentence of sentences) for (const word of tokens(sentence.text)) counts.set(word, (counts.get(word) ?? 0) + 1);
    const scored = scoreLabels(counts);
    const best = scored[0]?.score ?? 1;
    const strength = best / (best + MIN_SCORE);
    const labels = scored.map((entry) => ({ relevance: Math.round((entry.score / best) * strength * 1000) / 1000, label: entry.label }));
    const start = sentences[0]?.start ?? 0;
    const end = sentences.at(-1)?.end ?? 0;
    results.push({ text: sentences.map((sentence) => sentence.text).join(' '), labels, timestamp: { start, end } });
    for (const label of labels) totals.set(label.label, (totals.get(label.label) ?? 0) + label.relevance * (end - start + 1));
  }
  const top = Math.max(0, ...totals.values());
  const summary: Record<string, number> = {};
  for (const [label, total] of [...totals].sort((a, b) => b[1] - a[1])) summary[label] = Math.round((total / top) * 1000) / 1000;
  return { status: 'success', results, summary };
}

/** Exported so a test can check every curated key is a real label. */
export const CURATED_TOPIC_LABELS: readonly string[] = Object.keys(TOPIC_WORDS);
