/** What replaces a secret in any text shopeval writes or prints. */
export const REDACTED = '[redacted]';

// an Authorization header echoed back by a server, whatever the token
const BEARER_TOKEN = /\b(Bearer)\s+(?!\[redacted\])[^\s"'`,;}\]]+/gi;
// credentials in a URL written into a message (http://user:secret@host)
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'`]+@/gi;
/** A key shorter than this is redacted only in full: its prefixes would match ordinary words. */
const MIN_SECRET_LENGTH = 4;
/** A server masking a key (`sk-test-SECRET***`) echoes its first characters: a prefix this long is distinctive. */
const MIN_PREFIX_LENGTH = 8;

/**
 * The secrets of this process: API keys and URL credentials, registered where they are read (flags, environment,
 * provider settings). Process-wide on purpose, like the environment they come from: every writer and printer must
 * redact them, and threading them through every writer would leave one out.
 */
const registered = new Set<string>();

/** Placeholder keys local servers accept ("EMPTY", "none"): too short to be secret, and cutting them would mangle outputs. */
const MIN_REGISTERED_LENGTH = 8;

/** Adds a secret that every later redaction cuts (from files, stdout, stderr, reports). */
export function registerSecret(secret: string | undefined): void {
  if (secret !== undefined && secret.length >= MIN_REGISTERED_LENGTH) registered.add(secret);
}

// query parameters that carry credentials (api-key, access_token, sig...); other values (api-version) are not secret
const CREDENTIAL_PARAMETER = /key|token|secret|sig|pass|auth|cred|session|code/i;

/** Registers the credentials a URL carries (userinfo and query values) and returns the URL safe to record. */
export function registerUrlSecrets(url: string): string {
  try {
    const parsed = new URL(url);
    registerSecret(decodeURIComponent(parsed.password));
    registerSecret(parsed.password);
    for (const [name, value] of parsed.searchParams) if (CREDENTIAL_PARAMETER.test(name) || value.length >= 20) registerSecret(value);
  } catch {
    // not a URL: nothing to register
  }
  return redactUrl(url);
}

/** An endpoint URL safe to record: userinfo (http://user:secret@host) and the query string (?api-key=...) dropped. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username === '' && parsed.password === '' && parsed.search === '' && parsed.hash === '') return url;
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    parsed.hash = '';
    return parsed.toString();
  } catch {
    return url;
  }
}

/**
 * The text with every registered or given secret cut: the exact secret, any run of its first 8+ characters (a key
 * a server echoes masked), `Bearer <token>` and URL userinfo. Secrets shorter than 4 characters are left.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  // ranges found in the original text and merged: two keys sharing a prefix (sk-proj-...) are both cut in full
  const ranges: [number, number][] = [];
  for (const secret of [...secrets, ...registered]) if (secret.length >= MIN_SECRET_LENGTH) secretRanges(text, secret, ranges);
  let result = ranges.length === 0 ? text : cutRanges(text, ranges);
  // the userinfo pattern is slow to scan (every log line and run file passes here): run it only where it can match
  if (mayHoldUserinfo(result)) result = result.replace(URL_USERINFO, `$1${REDACTED}@`);
  return result.replace(BEARER_TOKEN, `$1 ${REDACTED}`);
}

/**
 * Whether some `@` ends a run of one or more userinfo characters that a `://` starts (URL_USERINFO's stop characters
 * end a run): false means the pattern cannot match. Looked for from each `@`, a one-character search several times
 * faster than one for `://`. Non-ASCII characters never end a run (a Unicode space would), so this errs towards running it.
 */
function mayHoldUserinfo(text: string): boolean {
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && !USERINFO_STOP.has(text.charCodeAt(start - 1))) start -= 1;
    if (start < at && start >= 3 && text.startsWith('://', start - 3)) return true;
  }
  return false;
}

// URL_USERINFO's userinfo excludes \s / ? # @ " ' ` (here its ASCII whitespace; '@' ends the look too)
const USERINFO_STOP = new Set([...' \t\n\v\f\r/?#@"\'`'].map((character) => character.charCodeAt(0)));

/** Where the secret, or a run of 8+ of its first characters, occurs in the text. */
function secretRanges(text: string, secret: string, into: [number, number][]): void {
  const prefixLength = Math.min(secret.length, MIN_PREFIX_LENGTH);
  const head = secret.slice(0, prefixLength);
  for (let at = text.indexOf(head); at >= 0; at = text.indexOf(head, at + 1)) {
    let end = at + prefixLength;
    while (end - at < secret.length && text[end] === secret[end - at]) end += 1;
    // a short key counts only in full; a long key's prefix of 8+ characters is already distinctive
    if (secret.length >= MIN_PREFIX_LENGTH || end - at === secret.length) into.push([at, end]);
  }
}

function cutRanges(text: string, ranges: [number, number][]): string {
  ranges.sort((left, right) => left[0] - right[0]);
  let result = '';
  let from = 0;
  for (const [start, end] of ranges) {
    if (end <= from) continue;
    result += start > from ? text.slice(from, start) + REDACTED : from === 0 && start === 0 ? REDACTED : '';
    from = end;
  }
  return result + text.slice(from);
}
