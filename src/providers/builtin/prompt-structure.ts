/** Splits ShopBench prompts into their parts: the numbered candidate list and the text around it. */

export interface NumberedOption {
  readonly number: number;
  readonly text: string;
}

const OPTION_LINE = /^\s*(\d+)\s*\.\s*(.*)$/u;

/** The longest run of consecutive numbered lines ("0. mouse pad", "10.fit"), numbered 0.. or 1.. in order. */
export function numberedOptions(prompt: string): { options: NumberedOption[]; context: string } {
  const lines = prompt.split('\n');
  let best: { start: number; options: NumberedOption[] } = { start: -1, options: [] };
  for (let start = 0; start < lines.length; start += 1) {
    const options: NumberedOption[] = [];
    for (let index = start; index < lines.length; index += 1) {
      const match = OPTION_LINE.exec(lines[index] ?? '');
      const expected = options.length === 0 ? undefined : (options[options.length - 1]?.number ?? 0) + 1;
      if (match === null || (expected !== undefined && Number(match[1]) !== expected)) break;
      options.push({ number: Number(match[1]), text: match[2] ?? '' });
    }
    if (options.length > best.options.length) best = { start, options };
  }
  const context = best.start < 0 ? prompt : [...lines.slice(0, best.start), ...lines.slice(best.start + best.options.length)].join('\n');
  return { options: best.options, context };
}

const STOP_WORDS = new Set(
  (
    'a an the of to in on for and or is are was were be been it its this that these those with as at by from which what ' +
    'following you your user product products please select output only three numbers comma separated list given numbered ' +
    'do not give explanations answer query most likely best describes one any can has have his her their they he she'
  ).split(' '),
);

/** Lower-cased word set without stop words: letters and digits of any script. */
export function contentWords(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return new Set(words.filter((word) => !STOP_WORDS.has(word) && word.length > 1));
}

/** Shared words, weighted so that a rare long word counts more than a short one. */
export function overlap(query: Set<string>, candidate: string): number {
  let score = 0;
  for (const word of contentWords(candidate)) if (query.has(word)) score += 1 + Math.min(word.length, 12) / 12;
  return score;
}

/** Options ordered by overlap with the context; ties keep the list order. */
export function rankByOverlap(prompt: string): NumberedOption[] {
  const { options, context } = numberedOptions(prompt);
  const query = contentWords(context);
  return options
    .map((option, position) => ({ option, position, score: overlap(query, option.text) }))
    .sort((a, b) => b.score - a.score || a.position - b.position)
    .map(({ option }) => option);
}

/** The value of a `Label: value` line (e.g. `Query: tablette asus`), when the prompt has one. */
export function labelledLine(prompt: string, label: string): string | undefined {
  const match = new RegExp(`^\\s*${label}\\s*:\\s*(.+)$`, 'imu').exec(prompt);
  return match?.[1]?.trim();
}
