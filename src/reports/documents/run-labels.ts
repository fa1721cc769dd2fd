import type { RunInfo } from './report-document';

/**
 * A label per run that no other run shares: the run's name where it is unique, else the directory as given
 * (two runs named `final` in a/ and b/ become `a/final` and `b/final`), else the name with `#2`, `#3`.
 */
export function uniqueRunLabels(runs: readonly RunInfo[]): string[] {
  const nameCounts = countBy(runs.map((run) => run.name));
  const first = runs.map((run) => ((nameCounts.get(run.name) ?? 0) > 1 ? run.directory.replace(/[\\/]+$/, '') || run.name : run.name));
  const taken = new Set(first.filter((label, index) => first.indexOf(label) === index));
  return first.map((label, index) => {
    if (first.indexOf(label) === index) return label;
    let suffix = 2;
    while (taken.has(`${label}#${suffix}`)) suffix += 1;
    taken.add(`${label}#${suffix}`);
    return `${label}#${suffix}`;
  });
}

function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}
