import { KNOWN_TRACKS } from '../dataset/row';

/**
 * The KDD Cup 2024 "Multi-Task Online Shopping Challenge for LLMs" facts shopeval's competition mode relies on, in one
 * place. Source: the challenge's starter kit README and docs (batch rules, per-sample limit, track time limits,
 * hardware) and its `vanilla_llama3_baseline.py` (baseline settings); the Phase 2 time used by the baseline is the
 * organisers' published figure. Figures the sources give only roughly are marked "about".
 */
export const SHOPBENCH_FACTS = {
  questions: 20_598,
  tasks: 57,
  /** About 11k test samples were answered in the Phase 2 runs (all tracks together). */
  testItemsAbout: 11_000,
} as const;

/** Tracks 1-4 are the four skill tracks (KNOWN_TRACKS in order); track 5 answers all of them. */
export type CompetitionTrack = 'track1' | 'track2' | 'track3' | 'track4';
export const COMPETITION_TRACKS: Readonly<Record<CompetitionTrack, (typeof KNOWN_TRACKS)[number]>> = {
  track1: KNOWN_TRACKS[0],
  track2: KNOWN_TRACKS[1],
  track3: KNOWN_TRACKS[2],
  track4: KNOWN_TRACKS[3],
};

export interface CompetitionBudget {
  readonly label: string;
  readonly hardware: string;
  /** The limit is per sample and applied per batch: a batch of n must return within n times this. */
  readonly perSampleSeconds: number;
  /** Wall-time limit of each track's whole test run; `all` is track 5 (every track's questions). */
  readonly trackLimitSeconds: Readonly<Record<CompetitionTrack | 'all', number>>;
  /** What the starter kit's baseline used of it, where published. */
  readonly baselineUsedSeconds?: Readonly<Record<CompetitionTrack, number>>;
}

const MINUTE = 60;

export const KDDCUP2024_BUDGETS = {
  'kddcup2024-phase1': {
    label: 'KDD Cup 2024 Phase 1',
    hardware: '2 x NVIDIA T4',
    perSampleSeconds: 15,
    trackLimitSeconds: { track1: 140 * MINUTE, track2: 40 * MINUTE, track3: 60 * MINUTE, track4: 60 * MINUTE, all: 300 * MINUTE },
  },
  'kddcup2024-phase2': {
    label: 'KDD Cup 2024 Phase 2',
    hardware: '4 x NVIDIA T4 (AWS g4dn.12xlarge, no network)',
    perSampleSeconds: 10,
    trackLimitSeconds: { track1: 70 * MINUTE, track2: 20 * MINUTE, track3: 30 * MINUTE, track4: 20 * MINUTE, all: 140 * MINUTE },
    baselineUsedSeconds: { track1: 1490, track2: 397, track3: 576, track4: 359 },
  },
} as const satisfies Record<string, CompetitionBudget>;

export type BudgetName = keyof typeof KDDCUP2024_BUDGETS;
export const BUDGET_NAMES = Object.keys(KDDCUP2024_BUDGETS) as BudgetName[];
/** Batches are checked against Phase 2's per-sample limit unless --time-budget names Phase 1. */
export const DEFAULT_BUDGET: BudgetName = 'kddcup2024-phase2';

/** The baseline submission (`vanilla_llama3_baseline.py`): how to run shopeval like it. */
export const STARTER_KIT_BASELINE = {
  batchSize: 16,
  temperature: 0,
  topP: 0.9,
  maxTokens: { multipleChoice: 1, other: 100 },
  systemPreset: 'starter-kit',
} as const;

export function budgetFor(name: BudgetName): CompetitionBudget {
  return KDDCUP2024_BUDGETS[name];
}
