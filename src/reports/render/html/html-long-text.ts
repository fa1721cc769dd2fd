import { escapeHtml } from '../format';

/** Characters shown before a text is folded. */
export const PREVIEW_CHARACTERS = 240;
/** Long text is laid out in pieces this long with a line-break opportunity between them (an unbroken 1 MB answer must not stall the layout). */
export const CHUNK_CHARACTERS = 100;

/** Escaped text with a `<wbr>` every CHUNK_CHARACTERS, so any length wraps; copying it gives the text back unchanged. */
export function breakableHtml(text: string): string {
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += CHUNK_CHARACTERS) pieces.push(escapeHtml(text.slice(start, start + CHUNK_CHARACTERS)));
  return pieces.join('<wbr>');
}

/**
 * Model output or a prompt as inert text: short text in full, long text as a preview and a closed `<details>`
 * holding the whole of it (a closed element is not laid out, so a page of huge answers still opens at once).
 */
export function htmlLongText(text: string | null, emptyLabel = '(no output)'): string {
  if (text === null || text === '') return `<div class="long"><i>${escapeHtml(emptyLabel)}</i></div>`;
  if (text.length <= PREVIEW_CHARACTERS) return `<div class="long">${breakableHtml(text)}</div>`;
  return (
    `<div class="long">${breakableHtml(text.slice(0, PREVIEW_CHARACTERS))}\u2026</div>` +
    `<details><summary>show all ${text.length} characters</summary><div class="long open">${breakableHtml(text)}</div></details>`
  );
}
