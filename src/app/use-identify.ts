import { useCallback, useMemo, useState } from "react";
import type { LayerEntry } from "../core/catalog/schema";
import { identifyHits } from "../state/identify";
import type { FeatureHit } from "../state/selection";

/** The attribute panel's pages: the features under the click, each once, and the one shown. */
export type Identify = {
  hits: FeatureHit[];
  /** Index of the feature shown (0 when the hits change). */
  page: number;
  current: FeatureHit | null;
  setPage: (page: number) => void;
};

/**
 * Pages through the features of the last click (or Enter on the map), topmost first, without
 * duplicates. The page goes back to the first whenever a new click brings new hits.
 */
export function useIdentify(
  rawHits: readonly FeatureHit[],
  layersById: ReadonlyMap<string, LayerEntry>,
): Identify {
  const hits = useMemo(() => identifyHits(rawHits, layersById), [rawHits, layersById]);
  const [paging, setPaging] = useState<{ of: FeatureHit[]; page: number }>({ of: hits, page: 0 });
  const page = paging.of === hits ? Math.min(paging.page, Math.max(0, hits.length - 1)) : 0;
  const setPage = useCallback(
    (next: number) => setPaging({ of: hits, page: Math.max(0, Math.min(next, hits.length - 1)) }),
    [hits],
  );
  return { hits, page, current: hits[page] ?? null, setPage };
}
