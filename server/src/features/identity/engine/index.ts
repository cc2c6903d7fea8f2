export { cleanText, detectScripts, hasNonLatin, nameTokens, skeleton, toLatin } from './normalise';
export { parseBirthDate, type ParsedDate } from './dates';
export {
  blockingKeys,
  normaliseIdentifier,
  prepare,
  scanKeys,
  splitFullName,
  type IdentityRecord,
  type NameField,
  type PreparedRecord,
} from './record';
export { posterior, withPopulation, type FieldModel, type Model, type TermFrequencies } from './model';
export { defaultModel } from './default-model';
export { emptyModel, termFrequencies, trainModel } from './train';
export {
  deduplicate,
  link,
  MIN_RECORDS_TO_TRAIN,
  pairProbability,
  scorePair,
  type LinkageResult,
  type MatchPair,
  type PairScore,
} from './linkage';
export { candidatePairs, MAX_BLOCK } from './candidates';
export { parseQuery, QUERY_PRIOR, queryKeys, queryRecord, scoreQuery, type ParsedQuery } from './query';
