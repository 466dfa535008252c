import type { PII_POLICIES } from '../domain/options.js';

export type EntityType = (typeof PII_POLICIES)[number];

/**
 * Text patterns for the entity types that have a written shape once ITN has run ("415-555-2671",
 * "$25", "June 5, 1987"), types announced by a cue ("my passport number is …") and small word lists.
 * They match the formatted sentence text, case-insensitively. `group` picks the capture group that
 * is the entity when the pattern also matches its cue.
 */
export interface EntityPattern {
  type: EntityType;
  pattern: RegExp;
  group?: number;
}

const items = (list: string): string[] => list.trim().split(/\s*,\s*/);
const words = (list: string): string => `(?:${items(list).join('|')})`;

const MONTH = words('january, february, march, april, may, june, july, august, september, october, november, december');
const WEEKDAY = words('monday, tuesday, wednesday, thursday, friday, saturday, sunday');
const SMALL_NUMBER = words('\\d+, one, two, three, four, five, six, seven, eight, nine, a few, several, a couple of, a, an');
const DAY_WORD = words('today, tomorrow, yesterday, tonight');
const DATE = `(?:${MONTH} \\d{1,2}(?:st|nd|rd|th)?(?:, \\d{4})?|${MONTH} \\d{4}|\\d{1,2}/\\d{1,2}/\\d{2,4}|(?:next |last |this )?${WEEKDAY}|${DAY_WORD}|(?:next|last) (?:week|month|year)|(?:in|since) (?:${MONTH}|\\d{4}))`;
const UNIT = words('seconds?, minutes?, hours?, days?, weeks?, months?, years?, decades?');
const VALUE_AFTER_CUE = '(?:is|was|number|id|code|:|#|\\s)*';
const cue = (cueWords: string, value: string): RegExp => new RegExp(`\\b${cueWords}\\b${VALUE_AFTER_CUE}(${value})`, 'gi');
const list = (type: EntityType, items: string): EntityPattern => ({ type, pattern: new RegExp(`\\b${words(items)}\\b`, 'gi') });

/** Checked in this order; an earlier type wins an overlap (see detectEntities). */
export const ENTITY_PATTERNS: readonly EntityPattern[] = [
  { type: 'email_address', pattern: /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gi },
  { type: 'ip_address', pattern: /\b\d{1,3}(?:\.\d{1,3}){3}\b/g },
  { type: 'filename', pattern: /\b[\w-]+\.(?:pdf|docx?|txt|csv|xlsx?|pptx?|jpe?g|png|gif|mp3|mp4|wav|zip|json|html)\b/gi },
  { type: 'url', pattern: /\b(?:https?:\/\/)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|edu|gov|co|uk|ai|app|dev|info|biz)\b(?:\/\S*)?/gi },
  { type: 'us_social_security_number', pattern: /\b\d{3}-\d{2}-\d{4}\b/g },
  { type: 'us_social_security_number', pattern: cue('(?:social security|ssn)', '\\d{9}|\\d{3}[- ]\\d{2}[- ]\\d{4}'), group: 1 },
  { type: 'credit_card_cvv', pattern: cue('(?:cvv|cvc|security code)', '\\d{3,4}'), group: 1 },
  { type: 'credit_card_expiration', pattern: cue('(?:expires?|expiration(?: date)?|expiry(?: date)?|valid (?:thru|through))', `\\d{1,2}/\\d{2,4}|${MONTH}(?: \\d{4})?`), group: 1 },
  { type: 'account_number', pattern: cue('account', '\\d[\\d -]{3,}\\d'), group: 1 },
  { type: 'banking_information', pattern: cue('(?:routing|sort code|iban|swift|bic|bank account)', '[a-z]{0,4}\\d[\\d -]{3,}\\d'), group: 1 },
  { type: 'drivers_license', pattern: cue("(?:driver'?s licen[cs]e|driving licen[cs]e|license)", '[a-z]?\\d[\\d -]{3,}\\d|[a-z0-9]{6,}'), group: 1 },
  { type: 'passport_number', pattern: cue('passport', '[a-z]?\\d[\\d -]{4,}\\d'), group: 1 },
  { type: 'healthcare_number', pattern: cue('(?:medicare|medicaid|health (?:card|insurance)|insurance|member|policy|nhs|patient)', '[a-z]{0,3}\\d[\\d -]{3,}\\d'), group: 1 },
  { type: 'vehicle_id', pattern: cue('(?:vin|vehicle identification|licen[cs]e plate|plate)', '[a-z0-9-]{4,}'), group: 1 },
  { type: 'password', pattern: /\bpassword(?: is|:)\s+([^\s.,?!]+)/gi, group: 1 },
  { type: 'username', pattern: /\b(?:user ?name|user id|handle)(?: is|:)\s+([^\s,?!]+?)(?=[.,?!]?(?:\s|$))/gi, group: 1 },
  { type: 'phone_number', pattern: /(?:\+?1[-. ])?\(?\b\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b|\b\d{3}-\d{4}\b/g },
  { type: 'credit_card_number', pattern: /\b\d(?:[ -]?\d){12,18}\b/g },
  { type: 'money_amount', pattern: /[$€£]\d[\d,]*(?:\.\d+)?(?: (?:thousand|million|billion|trillion))?|\b\d+ cents\b/gi },
  { type: 'statistics', pattern: /\b\d+(?:\.\d+)?%|\b\d+ (?:out of|in) (?:every )?\d+\b/gi },
  { type: 'blood_type', pattern: /\b(?:type )?(?:ab|a|b|o) (?:positive|negative)\b|\bblood type (?:is )?(?:ab|a|b|o)\b/gi },
  { type: 'date_interval', pattern: new RegExp(`\\b(?:from|between) ${DATE} (?:to|until|through|and) ${DATE}`, 'gi') },
  { type: 'person_age', pattern: new RegExp(`\\b${SMALL_NUMBER}(?:[ -]years?[ -]old|[ -]year-old)\\b|\\b(?:age|aged) \\d{1,3}\\b`, 'gi') },
  { type: 'time', pattern: /\b\d{1,2}(?::\d{2})? ?(?:AM|PM)\b|\b\d{1,2}:\d{2}\b|\b\d{1,2} o'clock\b|\b(?:noon|midnight)\b/gi },
  { type: 'date', pattern: new RegExp(`\\b${DATE}\\b`, 'gi') },
  { type: 'duration', pattern: new RegExp(`\\b(?:for |about |over )?${SMALL_NUMBER} ${UNIT}\\b(?! old)`, 'gi') },
  { type: 'physical_attribute', pattern: /\b(?:blonde?|brown|black|red|gr[ae]y|white|curly|straight|long|short|dark|bald)(?: hair)\b|\b(?:blue|green|brown|hazel|gr[ae]y|dark) eyes\b|\b\d (?:feet|foot)(?: \d{1,2})?(?: inches)?(?: tall)?\b|\b(?:tattoos?|freckles|beard|mustache|birthmark|scar)\b/gi },
  list('zodiac_sign', 'aries, taurus, gemini, cancer(?= sign), leo(?= sign), virgo, libra, scorpio, sagittarius, capricorn, aquarius, pisces'),
  list('medical_condition', 'diabetes, asthma, cancer, covid, covid-19, flu, influenza, hypertension, high blood pressure, depression, anxiety, migraines?, arthritis, pneumonia, bronchitis, adhd, autism, dementia, alzheimer\'s, epilepsy, allergy, allergies, heart disease, heart attack, stroke, infection, obesity, insomnia, chronic fatigue syndrome, arrhythmia, ptsd, hiv, aids, hepatitis, eczema, psoriasis, tumor, leukemia'),
  list('drug', 'ibuprofen, aspirin, tylenol, advil, insulin, metformin, amoxicillin, penicillin, acetaminophen, paracetamol, panadol, lisinopril, prozac, xanax, adderall, morphine, oxycodone, codeine, antibiotics?, antidepressants?, vitamin [a-e]\\d*, zoloft, lipitor, ventolin, albuterol, prednisone, warfarin, melatonin, benadryl, claritin'),
  list('injury', 'broke my \\w+, broken (?:arm|leg|wrist|ankle|nose|rib|finger|toe|hip|bone)s?, fractured? \\w+, sprained \\w+, sprain, concussion, whiplash, bruises?, burns?, dislocated \\w+, torn \\w+, miscarriage, cut my \\w+'),
  list('medical_process', 'surgery, heart surgery, chemotherapy, chemo, radiation therapy, mri, ct scan, cat scan, x-rays?, ultrasound, biopsy, vaccination, vaccine, physical therapy, physiotherapy, colonoscopy, appendectomy, dialysis, transplant, blood test, check-?up, c-section, therapy, rehab, stitches'),
  list('religion', 'christian, christianity, catholic, catholicism, protestant, muslim, islam, islamic, jewish, judaism, jew, hindu, hinduism, buddhist, buddhism, sikh, sikhism, atheist, agnostic, mormon, baptist, methodist, evangelical, orthodox'),
  list('political_affiliation', 'democrats?, democratic party, republicans?, republican party, liberals?, conservatives?, libertarians?, socialists?, communists?, labour, tory, tories, green party, independent voter, progressives?, gop'),
  list('event', 'christmas, thanksgiving, easter, halloween, hanukkah, ramadan, diwali, new year\'s(?: eve| day)?, olympics, world cup, super bowl, wimbledon, coachella, world series, oscars, grammys, black friday, independence day, memorial day, labor day, valentine\'s day, mother\'s day, father\'s day, fourth of july'),
  list('marital_status', 'married, divorced, widowed, widow, widower, engaged, separated, single mother, single father, single parent, fiancée?, newlyweds?'),
  list('gender_sexuality', 'gay, lesbian, bisexual, transgender, trans, nonbinary, non-binary, queer, heterosexual, homosexual, asexual, pansexual, lgbtq?\\+?'),
  list('language', 'mandarin, cantonese, swahili, tagalog, hindi, urdu, esperanto, sign language, (?<=(?:speaks?|spoke|speaking|learn(?:ing)?|fluent in|in|translate(?:d)? (?:it )?(?:in)?to) )(?:english|spanish|french|german|italian|portuguese|russian|japanese|chinese|korean|arabic|dutch|greek|polish|turkish|vietnamese|hebrew)'),
  { type: 'location', pattern: /\b\d+ (?:[a-z]+ ){1,3}(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|way|court|ct|place|terrace|highway)\b(?:,? (?:apartment|apt|suite|unit) \w+)?|\bzip code(?: is)? \d{5}\b/gi },
];

/** Occupations compromise's lexicon lacks (its "Actor" tag has doctor and engineer, not nurse). */
export const OCCUPATIONS = new Set(items('nurse, nurses, accountant, lawyer, attorney, paralegal, cashier, plumber, electrician, carpenter, mechanic, pharmacist, dentist, surgeon, physician, therapist, paramedic, firefighter, police officer, officer, detective, pilot, chef, cook, waiter, waitress, bartender, barista, janitor, librarian, professor, teacher, tutor, programmer, developer, designer, architect, scientist, researcher, analyst, consultant, manager, director, secretary, receptionist, clerk, salesman, realtor, farmer, soldier, veterinarian, journalist, reporter, photographer, musician, singer, actor, actress, writer, author, editor, driver, trucker, engineer, doctor, cfo, ceo, cto'));

/** Words compromise tags Actor that are relations or roles, not occupations. */
export const NOT_OCCUPATIONS = new Set(['brother', 'sister', 'son', 'daughter', 'mother', 'father', 'mom', 'dad', 'wife', 'husband', 'friend', 'friends', 'people', 'person', 'guy', 'guys', 'kid', 'kids', 'child', 'children', 'man', 'woman', 'men', 'women', 'boyfriend', 'girlfriend', 'family', 'parents', 'baby', 'everyone', 'someone', 'anyone', 'customer', 'customers', 'member', 'members', 'team', 'boss', 'neighbor', 'partner', 'user', 'users', 'folks', 'my', 'your', 'our', 'his', 'her', 'their']);

/** Suffixes that make the words before them an organisation name ("acme bank", "general motors"). */
export const ORGANIZATION_SUFFIXES = new Set(['inc', 'corp', 'corporation', 'company', 'bank', 'university', 'college', 'hospital', 'airlines', 'llc', 'ltd', 'group', 'foundation', 'institute', 'motors', 'insurance', 'clinic']);
