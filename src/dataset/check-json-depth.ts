/** Deeper than any ShopBench row or prediction: beyond it a value would overflow the stack of recursive code. */
export const MAX_JSON_DEPTH = 64;

/** Whether a parsed JSON value nests arrays and objects deeper than `limit` (walked with a stack, never recursion). */
export function nestedDeeperThan(value: unknown, limit: number = MAX_JSON_DEPTH): boolean {
  // two parallel stacks, no entry objects or Object.values arrays: every record of every pass comes through here
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length > 0) {
    const next = values.pop();
    const depth = depths.pop() ?? 0;
    if (typeof next !== 'object' || next === null) continue;
    if (depth >= limit) return true;
    if (Array.isArray(next)) {
      for (const child of next as readonly unknown[])
        if (typeof child === 'object' && child !== null) pushChild(values, depths, child, depth);
    } else {
      const fields = next as Readonly<Record<string, unknown>>;
      for (const key in fields) {
        const child = fields[key];
        if (typeof child === 'object' && child !== null) pushChild(values, depths, child, depth);
      }
    }
  }
  return false;
}

function pushChild(values: unknown[], depths: number[], child: object, depth: number): void {
  values.push(child);
  depths.push(depth + 1);
}
