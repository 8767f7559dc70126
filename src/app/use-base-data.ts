import type { Feature, FeatureCollection } from "geojson";
import { useEffect, useState } from "react";
import { type DistrictInfo, parseDistrictsIndex } from "../state/districts-index";
import type { LoadFailure } from "../state/load-failure";
import type { BaseDataState } from "../state/load-states";
import { orientationFeatures } from "../state/orientation";
import { loadLayerFile } from "./layer-loader";
import { loadJson, toLoadFailure } from "./load-source";
import { appFileUrl } from "./runtime-urls";

/** Loads one of the data step's area layers (districts, provinces, boundary: all polygons). */
async function optional(file: string, failures: LoadFailure[]): Promise<FeatureCollection | null> {
  try {
    return await loadLayerFile(appFileUrl(file), file, "polygon");
  } catch (error) {
    failures.push(toLoadFailure(error, file));
    return null;
  }
}

const INDEX_FILE = "data/districts-index.json";

async function loadIndex(failures: LoadFailure[]): Promise<DistrictInfo[] | null> {
  try {
    const parsed = parseDistrictsIndex(await loadJson(appFileUrl(INDEX_FILE), INDEX_FILE));
    if ("districts" in parsed) return parsed.districts;
    failures.push({ file: INDEX_FILE, reason: "index", detail: parsed.error });
  } catch (error) {
    failures.push(toLoadFailure(error, INDEX_FILE));
  }
  return null;
}

const ORIENTATION_FILE = "layers/orientation/hanoi-orientation.json";

/** The hand-drawn orientation layer (rivers, lakes, ring roads, seats); the map works without it. */
async function loadOrientation(failures: LoadFailure[]): Promise<FeatureCollection | null> {
  try {
    return orientationFeatures(await loadJson(appFileUrl(ORIENTATION_FILE), ORIENTATION_FILE));
  } catch (error) {
    failures.push(toLoadFailure(error, ORIENTATION_FILE));
    return null;
  }
}

async function loadBase(): Promise<BaseDataState> {
  const failures: LoadFailure[] = [];
  const [districts, index, provinces, boundary, orientation] = await Promise.all([
    optional("data/hanoi-districts.fgb", failures),
    loadIndex(failures),
    optional("data/provinces.fgb", failures),
    optional("data/hanoi-boundary.fgb", failures),
    loadOrientation(failures),
  ]);
  if (!districts) return { status: "failed", failures };
  const districtByCode = new Map<string, Feature>();
  for (const feature of districts.features) {
    const code = feature.properties?.code;
    if (typeof code === "string") districtByCode.set(code, feature);
  }
  const list = index ?? [];
  return {
    status: "ready",
    // Each district's index entry carries what its label needs (code, name, center, area).
    base: { districts, provinces, boundary, labels: list, orientation },
    districts: list,
    districtByCode,
    failures,
  };
}

let started: Promise<BaseDataState> | null = null;

/**
 * Starts reading the base map's files, once per page: called as the app starts (main.tsx), before
 * its first render, so the layer-loading worker decodes them while the page renders; it used to
 * be asked only by the first render's effects, some 450 ms later here. {@link useBaseData} takes
 * the same reads.
 */
export function startBaseData(): Promise<BaseDataState> {
  started ??= loadBase();
  return started;
}

/** Loads data/ (the output of `npm run data`) once. */
export function useBaseData(): BaseDataState {
  const [state, setState] = useState<BaseDataState>({ status: "loading" });
  useEffect(() => {
    let cancelled = false;
    void startBaseData().then((result) => {
      if (!cancelled) setState(result);
    });
    return () => {
      cancelled = true;
    };
  }, []);
  return state;
}
