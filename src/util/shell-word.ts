/** A shell word, single-quoted only when it needs to be (for commands shopeval prints for the user to run). */
export function shellWord(text: string): string {
  return /^[\w./:@%+=,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
