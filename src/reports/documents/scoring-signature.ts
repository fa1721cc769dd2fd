import type { RunReport } from './report-document';

/** How a run's figures were computed beyond profile and items: which tasks are scored, and by which embedder. */
export interface ScoringSignature {
  /** Scored task names, sorted. */
  readonly scoredTasks: readonly string[];
  /** Semantic task -> `embedder name (official|not official)`. */
  readonly embedders: Readonly<Record<string, string>>;
}

export function scoringSignature(report: RunReport): ScoringSignature {
  const scoredTasks = report.tasks
    .filter((task) => task.status === 'scored')
    .map((task) => task.task_name)
    .sort();
  const embedders: Record<string, string> = {};
  for (const task of report.tasks) if (task.embedder !== null) embedders[task.task_name] = embedderLabel(task.embedder);
  return { scoredTasks, embedders };
}

export function embedderLabel(embedder: { readonly name: string; readonly official: boolean }): string {
  return `${embedder.name} (${embedder.official ? 'official' : 'NOT official'})`;
}

/** Why `other` is not scored like `reference`, one phrase per difference; empty when they are scored alike. */
export function signatureDifferences(reference: ScoringSignature, other: ScoringSignature): string[] {
  const differences: string[] = [];
  const referenceTasks = new Set(reference.scoredTasks);
  const otherTasks = new Set(other.scoredTasks);
  const extra = other.scoredTasks.filter((task) => !referenceTasks.has(task));
  const missing = reference.scoredTasks.filter((task) => !otherTasks.has(task));
  if (extra.length > 0) differences.push(`scores ${extra.join(', ')}, which the others leave unscored`);
  if (missing.length > 0) differences.push(`leaves ${missing.join(', ')} unscored`);
  for (const [task, embedder] of Object.entries(other.embedders)) {
    const usual = reference.embedders[task];
    if (usual !== undefined && usual !== embedder && referenceTasks.has(task) && otherTasks.has(task))
      differences.push(`scores ${task} with ${embedder}, the others with ${usual}`);
  }
  return differences;
}

/** The signature most runs share (the first run's on a tie), as a key and a value. */
export function commonSignature(signatures: readonly ScoringSignature[]): ScoringSignature | undefined {
  const counts = new Map<string, { signature: ScoringSignature; count: number }>();
  for (const signature of signatures) {
    const key = JSON.stringify(signature);
    const entry = counts.get(key) ?? { signature, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  let best: { signature: ScoringSignature; count: number } | undefined;
  for (const entry of counts.values()) if (best === undefined || entry.count > best.count) best = entry;
  return best?.signature;
}
