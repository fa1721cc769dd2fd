/** runs/<model>-<UTC timestamp>, the model name made safe for a directory name. */
export function defaultRunDirectory(model: string, now: Date = new Date()): string {
  const safeModel = model.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'model';
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `runs/${safeModel}-${stamp}`;
}
