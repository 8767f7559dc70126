/**
 * Whether `value` nests arrays or objects more than `max` deep (a primitive is depth 0, `[1]` is
 * 1). Iterative: a value nested a million deep is measured without a stack, and the walk stops as
 * soon as it passes `max`.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  if (typeof value !== "object" || value === null) return false;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (depth > max) return true;
    const children = Array.isArray(item) ? item : Object.values(item as object);
    for (const child of children) {
      if (typeof child === "object" && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}
