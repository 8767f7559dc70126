import { normalizeSearch, stripUnitPrefix } from "./normalize-search";

/** How well a name matched a query; lower ranks sort first. */
type Ranked<T> = { item: T; rank: number; order: number };

/**
 * Finds the items whose name matches a free-text query, ignoring diacritics, case, extra spaces and
 * the unit prefix ("hoan kiem", "quan hoan kiem" and "Hoàn Kiếm" all find "Quận Hoàn Kiếm").
 * Ranking: exact short name, then short name starting with the query, then full name starting with
 * it, then a word starting with it, then the query anywhere; ties keep the input order. An empty query matches nothing.
 *
 * @param items - candidates, e.g. the 30 districts
 * @param query - what the user typed
 * @param nameOf - the item's full name with its unit prefix, e.g. "Huyện Ba Vì"
 * @param limit - most results returned
 */
export function searchNames<T>(
  items: readonly T[],
  query: string,
  nameOf: (item: T) => string,
  limit = 10,
): T[] {
  const needle = normalizeSearch(query);
  if (needle === "") return [];
  const ranked: Ranked<T>[] = [];
  items.forEach((item, order) => {
    const name = nameOf(item);
    const full = normalizeSearch(name);
    const short = normalizeSearch(stripUnitPrefix(name));
    let rank: number;
    if (short === needle || full === needle) rank = 0;
    else if (short.startsWith(needle)) rank = 1;
    else if (full.startsWith(needle)) rank = 2;
    else if (` ${full}`.includes(` ${needle}`)) rank = 3;
    else if (full.includes(needle)) rank = 4;
    else return;
    ranked.push({ item, rank, order });
  });
  return ranked
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .slice(0, limit)
    .map((r) => r.item);
}
