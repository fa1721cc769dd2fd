import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The version in shopeval's package.json, found by walking up from this file (works from src/ and dist/src/). */
export function shopevalVersion(): string {
  for (let directory = __dirname; ; directory = dirname(directory)) {
    try {
      const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (manifest.name === 'shopeval' && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // no package.json here: keep walking
    }
    if (dirname(directory) === directory) return 'unknown';
  }
}
