/**
 * A long list sent from a worker in parts: each part a message of its own, which the page reads in
 * a task of its own (reading one message of 100 000 objects held the page's thread for a second).
 * The worker cuts the list with {@link listParts}; the page gathers it with {@link ListParts}.
 */

/** The list cut into parts of at most `size` items: [start, items]; one empty part for none. */
export function* listParts<T>(list: readonly T[], size: number): Generator<[number, T[]]> {
  for (let start = 0; start === 0 || start < list.length; start += size)
    yield [start, list.slice(start, start + size)];
}

/** Gathers a list's parts as they come; the part at start 0 begins a new list. */
export class ListParts<T> {
  private items: T[] = [];
  private received = 0;

  add(start: number, items: readonly T[]): void {
    if (start === 0) {
      this.items = [];
      this.received = 0;
    }
    for (let i = 0; i < items.length; i++) this.items[start + i] = items[i] as T;
    this.received += items.length;
  }

  /**
   * The list, which must have `count` items (else it throws: parts cannot be missing, one worker
   * posts them in order before the message that says how many); the collector starts afresh.
   */
  take(count: number): T[] {
    const items = this.items;
    const received = this.received;
    this.items = [];
    this.received = 0;
    if (received !== count || items.length !== count)
      throw new Error(`${received} of ${count} items arrived`);
    return items;
  }
}
