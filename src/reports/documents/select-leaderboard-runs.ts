import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { ShopevalError } from '../../errors';
import type { LoadedRun } from '../load/load-run';
import type { RunReport } from './report-document';

export interface RunSelection {
  /** `--exclude`: run names, directories or globs over them, left out with a warning. */
  readonly exclude: readonly string[];
  /** `--skip-incompatible`: keep the largest group of comparable runs and leave the others out with a warning. */
  readonly skipIncompatible: boolean;
}

interface Candidate {
  readonly run: LoadedRun;
  readonly report: RunReport;
}

/** Runs over different item sets (e.g. one made with --limit or --tracks) share a dataset hash but not their scores' meaning. */
function itemSetKey(run: LoadedRun): string {
  const hash = createHash('sha256');
  for (const id of run.items.map((item) => item.id).sort()) hash.update(`${id}\n`);
  return hash.digest('hex');
}

function globPattern(pattern: string): RegExp {
  const source = pattern
    .replace(/[.+^${}()|\\[\]]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`);
}

/** Whether `pattern` names the run: its name, its directory (as given or resolved), its directory's base name, or a glob over them. */
function matches(pattern: string, run: LoadedRun): boolean {
  const names = [run.name, run.directory, run.directory.replace(/[\\/]+$/, ''), resolve(run.directory), basename(resolve(run.directory))];
  if (names.includes(pattern) || names.includes(resolve(pattern))) return true;
  return /[*?]/.test(pattern) && names.some((name) => globPattern(pattern).test(name));
}

function excludeRuns<T extends Candidate>(candidates: readonly T[], patterns: readonly string[], warnings: string[]): T[] {
  if (patterns.length === 0) return [...candidates];
  const unmatched = patterns.filter((pattern) => !candidates.some((candidate) => matches(pattern, candidate.run)));
  if (unmatched.length > 0) {
    throw new ShopevalError('bad-input', `--exclude ${unmatched.join(', ')}: no run of the leaderboard has that name or directory`, {
      hint: `Runs: ${candidates.map((candidate) => `${candidate.run.name} (${candidate.run.directory})`).join(', ')}`,
    });
  }
  const named = (candidate: T): boolean => patterns.some((pattern) => matches(pattern, candidate.run));
  const [left, kept] = [candidates.filter(named), candidates.filter((candidate) => !named(candidate))];
  warnings.push(`left out by --exclude: ${left.map((candidate) => candidate.run.directory).join(', ')}`);
  return kept;
}

interface Group {
  readonly label: string;
  readonly members: Candidate[];
}

function comparableGroups(candidates: readonly Candidate[]): Group[] {
  const groups = new Map<string, Group>();
  for (const candidate of candidates) {
    const { report, run } = candidate;
    const key = `${report.run.profile}|${report.run.dataset.sha256}|${itemSetKey(run)}`;
    const label = `profile ${report.run.profile}, dataset sha256 ${report.run.dataset.sha256.slice(0, 12) || 'unknown'}, ${run.items.length} items`;
    const group = groups.get(key) ?? { label, members: [] };
    group.members.push(candidate);
    groups.set(key, group);
  }
  return [...groups.values()].sort((left, right) => right.members.length - left.members.length);
}

/**
 * The runs a leaderboard ranks: those named by --exclude are left out, and runs scored with different profiles, on
 * different datasets or on different items of one dataset are refused (their scores are not comparable) unless
 * `skipIncompatible` keeps the largest group. Every run left out gets a warning saying which and why.
 */
export function selectLeaderboardRuns<T extends Candidate>(candidates: readonly T[], selection: RunSelection, warnings: string[]): T[] {
  const kept = excludeRuns(candidates, selection.exclude, warnings);
  if (kept.length === 0) throw new ShopevalError('bad-input', 'every run was left out by --exclude', { hint: 'Exclude fewer runs.' });
  const groups = comparableGroups(kept);
  if (groups.length <= 1) return kept;
  const [largest, ...others] = groups as [Group, ...Group[]];
  const odd = others.flatMap((group) => group.members.map((member) => member.run.name));
  const listing = groups.map((group) => `${group.label}: ${group.members.map((member) => member.run.name).join(', ')}`).join('; ');
  if (!selection.skipIncompatible) {
    throw new ShopevalError(
      'bad-input',
      `the runs are not comparable (different profiles, datasets or item sets); odd runs: ${odd.join(', ')} (${listing})`,
      {
        hint: 'Leave the odd runs out with --skip-incompatible (or --exclude RUN), or make one leaderboard per group (a run made with --limit, --tasks or --tracks covers fewer items).',
      },
    );
  }
  for (const group of others) {
    warnings.push(
      `left out by --skip-incompatible: ${group.members.map((member) => member.run.directory).join(', ')} (${group.label}; the leaderboard's runs have ${largest.label})`,
    );
  }
  return kept.filter((candidate) => largest.members.includes(candidate));
}
