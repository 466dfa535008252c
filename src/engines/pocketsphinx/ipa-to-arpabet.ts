/**
 * Maps eSpeak NG's American-English IPA onto the 39 ARPAbet phones of PocketSphinx's en-us model (the
 * CMU dictionary's set, stress marks dropped as the model has none). eSpeak spells r-coloured vowels,
 * flaps and syllabic consonants that ARPAbet writes with plain phones; each is mapped to what the CMU
 * dictionary writes for words that have it (`button` B AH T AH N, `little` L IH T AH L).
 */
const IPA_TO_ARPABET: ReadonlyArray<readonly [ipa: string, phones: string]> = [
  // Two-symbol phones first: the first match wins.
  ['aɪ', 'AY'], ['aʊ', 'AW'], ['eɪ', 'EY'], ['oʊ', 'OW'], ['ɔɪ', 'OY'], ['tʃ', 'CH'], ['dʒ', 'JH'],
  ['iː', 'IY'], ['uː', 'UW'], ['ɑː', 'AA'], ['ɔː', 'AO'], ['oː', 'AO'], ['ɜː', 'ER'],
  ['i', 'IY'], ['ɪ', 'IH'], ['ᵻ', 'IH'], ['e', 'EY'], ['ɛ', 'EH'], ['æ', 'AE'], ['a', 'AE'],
  ['ɐ', 'AH'], ['ʌ', 'AH'], ['ə', 'AH'], ['ɚ', 'ER'], ['ɜ', 'ER'], ['ɑ', 'AA'], ['ɒ', 'AA'],
  ['ɔ', 'AO'], ['o', 'OW'], ['ʊ', 'UH'], ['u', 'UW'],
  ['p', 'P'], ['b', 'B'], ['t', 'T'], ['d', 'D'], ['k', 'K'], ['ɡ', 'G'], ['g', 'G'],
  ['f', 'F'], ['v', 'V'], ['θ', 'TH'], ['ð', 'DH'], ['s', 'S'], ['z', 'Z'], ['ʃ', 'SH'], ['ʒ', 'ZH'],
  ['h', 'HH'], ['m', 'M'], ['n', 'N'], ['ŋ', 'NG'], ['l', 'L'], ['ɫ', 'L'], ['ɹ', 'R'], ['r', 'R'],
  ['w', 'W'], ['ʍ', 'W'], ['j', 'Y'],
  // American flaps and glottal stops stand for /t/ (`city`, `button`); foreign fricatives for their nearest phone.
  ['ɾ', 'T'], ['ʔ', 'T'], ['x', 'K'], ['ç', 'HH'],
];

/** Combining vertical line below: eSpeak's syllabic consonant (n̩, l̩), a schwa plus the consonant in ARPAbet. */
const SYLLABIC = '\u0329';

/**
 * The ARPAbet phones of one word's IPA, or an empty list when nothing in it maps. Stress and length
 * marks, tie bars and anything unknown (e.g. a nasalised vowel's tilde) are skipped; a phone repeated
 * back to back is written once, as the CMU dictionary does (eSpeak doubles the r of `solari`).
 */
export function ipaToArpabet(ipa: string): string[] {
  const text = ipa.normalize('NFD');
  const phones: string[] = [];
  let at = 0;
  while (at < text.length) {
    if (text[at + 1] === SYLLABIC) phones.push('AH');
    const match = IPA_TO_ARPABET.find(([symbol]) => text.startsWith(symbol, at));
    if (match === undefined) {
      at += 1;
      continue;
    }
    for (const phone of match[1].split(' ')) if (phones.at(-1) !== phone) phones.push(phone);
    at += match[0].length;
  }
  return phones;
}
