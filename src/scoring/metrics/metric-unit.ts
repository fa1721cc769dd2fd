import type { TaskType, Truth } from '../../dataset/row';
import type { OddTruthScore } from '../odd-truth';
import { parseKddCup2024, type KddParsed } from '../parsers/kddcup2024';
import type { ScoringResources } from '../profiles/scoring-profile';
import type { ItemScore, ParsedAnswer } from '../types';

/** A resource a metric needs beyond the text, loaded once per run only when a row names the metric. */
export type MetricNeed = 'embeddings' | 'japanese-tokenizer';

/** How item scores become a task score: their mean, or micro-F1 of the summed tp/fp/fn counts. */
export type MetricAggregation = 'mean' | 'micro-f1';

/** One item under one profile: what its parser read, its score, and why an odd truth scored 0 or raised. */
export interface MetricOutcome<Parsed extends ParsedAnswer | null> {
  readonly parsed: Parsed;
  readonly score: ItemScore;
  readonly truthNote?: string;
}

/** Scores one output against one truth (any JSON value) under a profile. */
export type ProfileScorer<Parsed extends ParsedAnswer | null> = (
  output: string,
  truth: Truth,
  resources: ScoringResources,
) => MetricOutcome<Parsed>;

/** How one profile scores a metric: on a truth of the expected type, and on any other JSON value as the original code would. */
interface ProfileScoring<Answer, Expected extends Truth> {
  score(answer: Answer, truth: Expected, resources: ScoringResources): ItemScore;
  oddTruth(answer: Answer, truth: Truth): OddTruthScore;
}

/** What a metric file declares: the dataset's name for it, what it is, what it needs, and its scoring under each profile. */
export interface MetricSpec<Name extends string, Need extends MetricNeed, Kind extends TaskType, Expected extends Truth> {
  /** The dataset's own string (`"hit rate@3"`). */
  readonly name: Name;
  /** One line for README and `--help`. */
  readonly description: string;
  /** The only task type whose answers this metric scores (the dataset's pairing). */
  readonly taskType: Kind;
  readonly aggregation: MetricAggregation;
  readonly needs?: Need;
  /** Whether the truth has the type the metric's official code was written for (the normal scoring path). */
  isExpectedTruth(truth: Truth): truth is Expected;
  /** kddcup2024: parsers.py reads the output by task type, then metrics.py scores the parsed answer. */
  readonly kddcup2024: ProfileScoring<KddParsed[Kind], Expected>;
  /** shoppingmmlu: each metric reads the raw generation itself. */
  readonly shoppingmmlu: ProfileScoring<string, Expected>;
}

/** A registered metric: its description, and one scoring function per profile with the types checked inside the unit. */
export interface Metric<Name extends string = string, Need extends MetricNeed = MetricNeed> {
  readonly name: Name;
  readonly description: string;
  readonly taskType: TaskType;
  readonly aggregation: MetricAggregation;
  readonly needs?: Need;
  isExpectedTruth(truth: Truth): boolean;
  /** The competition's parser by task type, then this metric (`parsed` is the parser's reading). */
  readonly kddcup2024: ProfileScorer<ParsedAnswer>;
  /** The paper's metric on the raw output (it has no separate parser: `parsed` is null). */
  readonly shoppingmmlu: ProfileScorer<null>;
}

/** Declares a metric unit; the registry lists the result under its name. */
export function defineMetric<const Name extends string, Kind extends TaskType, Expected extends Truth, Need extends MetricNeed = never>(
  spec: MetricSpec<Name, Need, Kind, Expected>,
): Metric<Name, Need> {
  const { kddcup2024, shoppingmmlu, ...description } = spec;
  return {
    ...description,
    isExpectedTruth: (truth) => spec.isExpectedTruth(truth),
    kddcup2024(output, truth, resources) {
      const parsed = parseKddCup2024(spec.taskType, output);
      if (spec.isExpectedTruth(truth)) return { parsed, score: kddcup2024.score(parsed, truth, resources) };
      return withNote(parsed, kddcup2024.oddTruth(parsed, truth));
    },
    shoppingmmlu(output, truth, resources) {
      if (spec.isExpectedTruth(truth)) return { parsed: null, score: shoppingmmlu.score(output, truth, resources) };
      return withNote(null, shoppingmmlu.oddTruth(output, truth));
    },
  };
}

/** rougel, bleu and jp-bleu score a str truth. */
export function isTextTruth(truth: Truth): truth is string {
  return typeof truth === 'string';
}

function withNote<Parsed extends ParsedAnswer | null>(parsed: Parsed, odd: OddTruthScore): MetricOutcome<Parsed> {
  return { parsed, score: odd.score, ...(odd.why === undefined ? {} : { truthNote: odd.why }) };
}
