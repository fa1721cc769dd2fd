/** What replaces a secret in any text shopeval writes or prints. */
export const REDACTED = '[redacted]';

// an Authorization header echoed back by a server, whatever the token
const BEARER_TOKEN = /\b(Bearer)\s+(?!\[redacted\])[^\s"'`,;}\]]+/gi;

/** The text with every given secret and any `Bearer <token>` replaced; secrets shorter than 4 characters are left (they would redact ordinary words). */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join(REDACTED);
  }
  return result.replace(BEARER_TOKEN, `$1 ${REDACTED}`);
}
