import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { RunDirectoryError } from '../errors';

/** The files shopeval owns in a run or score directory. */
export const RESULT_DIRECTORY_FILES = [
  'manifest.json',
  'responses.jsonl',
  'items.jsonl',
  'summary.json',
  'predictions.jsonl',
  'submission.jsonl',
] as const;
// our own bookkeeping, which never makes a directory someone else's
const OWN_ENTRY =
  /^(?:\.shopeval\.lock(?:\.takeover)?|\..+\.shopeval-tmp|\.summary\.json\.pending|(?:items\.jsonl|summary\.json|manifest\.json)\.\d+\.tmp)$/;

export type ResultDirectoryKind = 'run' | 'score' | 'empty' | 'foreign' | 'missing';

/** What a directory is: a `shopeval run` (manifest.json), a `shopeval score --out` (our summary.json), empty, or someone else's. */
export function resultDirectoryKind(directory: string): ResultDirectoryKind {
  let names: string[];
  try {
    if (!statSync(directory).isDirectory()) return 'foreign';
    names = readdirSync(directory);
  } catch {
    return 'missing';
  }
  if (names.includes('manifest.json')) return 'run';
  if (names.includes('summary.json') && isShopevalSummary(join(directory, 'summary.json'))) return 'score';
  return names.every((name) => OWN_ENTRY.test(name)) ? 'empty' : 'foreign';
}

function isShopevalSummary(file: string): boolean {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    return (
      value['schema_version'] === 1 &&
      (value['profile'] === 'kddcup2024' || value['profile'] === 'shoppingmmlu') &&
      typeof value['counts'] === 'object'
    );
  } catch {
    return false;
  }
}

/**
 * Refuses an --out that would overwrite files shopeval does not own: a file, a non-empty directory that holds no
 * shopeval results of this kind, or a directory holding one of the command's own inputs under a result file's name.
 */
export function checkOutputDirectory(
  out: string,
  options: { readonly command: 'run' | 'score'; readonly inputs: readonly string[] },
): void {
  let isDirectory = true;
  try {
    isDirectory = statSync(out).isDirectory();
  } catch {
    // missing: it will be created
  }
  if (!isDirectory)
    throw new RunDirectoryError(`--out ${out} is a file, not a directory`, {
      hint: 'Pass a directory path for --out (it is created if missing).',
    });
  for (const input of options.inputs) {
    const inside = relative(resolve(out), resolve(input));
    if (!inside.startsWith('..') && (RESULT_DIRECTORY_FILES as readonly string[]).includes(inside)) {
      throw new RunDirectoryError(`--out ${out} would overwrite the input ${input}`, {
        hint: 'Choose another --out, or move the input file.',
      });
    }
  }
  const kind = resultDirectoryKind(out);
  if (kind === 'missing' || kind === 'empty' || kind === options.command) return;
  const what =
    kind === 'run'
      ? 'a `shopeval run` directory'
      : kind === 'score'
        ? 'a `shopeval score` directory'
        : 'files that shopeval did not write (no manifest.json)';
  throw new RunDirectoryError(`--out ${out} is not empty and holds ${what}: refusing to write into it`, {
    hint: `Choose a new or empty directory for --out.${options.command === 'run' && kind === 'foreign' ? ' (A run is resumed only from a directory with its manifest.json.)' : ''}`,
  });
}

/** Refuses a report --output that is one of the report's input files, or a file of a run or score directory. */
export function checkReportOutput(output: string, inputDirectories: readonly string[]): void {
  const target = resolve(output);
  for (const input of inputDirectories) {
    const inside = relative(resolve(input), target);
    if (!inside.startsWith('..') && (existsSync(target) || (RESULT_DIRECTORY_FILES as readonly string[]).includes(inside))) {
      throw new RunDirectoryError(`--output ${output} is inside the directory it reports on (${input}): refusing to overwrite the run`, {
        hint: 'Write the report elsewhere, e.g. under reports/.',
      });
    }
  }
  const kind = resultDirectoryKind(dirname(target));
  if ((kind === 'run' || kind === 'score') && (RESULT_DIRECTORY_FILES as readonly string[]).includes(basename(target))) {
    throw new RunDirectoryError(`--output ${output} is a file of a shopeval ${kind} directory: refusing to overwrite it`, {
      hint: 'Write the report elsewhere, e.g. under reports/.',
    });
  }
  try {
    if (statSync(target).isDirectory())
      throw new RunDirectoryError(`--output ${output} is a directory`, { hint: 'Name a file for --output.' });
  } catch (error) {
    if (error instanceof RunDirectoryError) throw error;
  }
}
