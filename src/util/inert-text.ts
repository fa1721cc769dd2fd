// C0 controls but tab, LF and CR; DEL; C1 controls (U+009B is a one-byte CSI); bidi overrides and isolates (they reorder what is shown)
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// the one sequence shopeval itself writes: erase to the end of the line, after the progress bar's carriage return
const CONTROL_BUT_ERASE_LINE =
  /\u001b(?!\[K)|[\u0000-\u0008\u000b\u000c\u000e-\u001a\u001c-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function escape(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * Text that a terminal, a pager or a spreadsheet shows as it is: every control character that could move the cursor,
 * retitle the window, clear the screen or reorder text becomes a visible `\u001b` escape (the same meaning inside a
 * JSON string). Tab and newlines stay.
 */
export function inertText(text: string): string {
  return text.replace(CONTROL, escape);
}

/** inertText for one line of a table or message: tab and newlines escaped too. */
export function inertLine(text: string): string {
  return inertText(text).replace(/[\t\r\n]/g, escape);
}

/** For the process's own output streams: like inertText, but the progress bar's erase-line sequence passes. */
export function inertTerminalOutput(text: string): string {
  return text.replace(CONTROL_BUT_ERASE_LINE, escape);
}
