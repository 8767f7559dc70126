import type { Feature, FeatureCollection } from "geojson";
import type { Catalog, CatalogProblem } from "../core/catalog/parse-catalog";
import type { Rule, RuleProblem } from "../core/catalog/rules-schema";
import type { BaseData } from "../map/map-view";
import type { Bbox } from "./bounds";
import type { DistrictInfo } from "./districts-index";
import type { LoadFailure } from "./load-failure";

/*
 * Where each thing the app loads stands: the loaders in src/app produce these, the store holds them
 * (`resources`), the panels render them.
 */

export type CatalogState =
  | { status: "loading" }
  | { status: "ready"; catalog: Catalog; problems: CatalogProblem[] }
  | { status: "failed"; failure: LoadFailure | null; problems: CatalogProblem[] };

/** The base map's data and the district list for search, or why they are missing. */
export type BaseDataState =
  | { status: "loading" }
  | {
      status: "ready";
      base: BaseData;
      districts: DistrictInfo[];
      districtByCode: ReadonlyMap<string, Feature>;
      /** Context files that failed; the map works without them. */
      failures: LoadFailure[];
    }
  | { status: "failed"; failures: LoadFailure[] };

/** Where one layer's file stands. */
export type LayerSource =
  | { status: "loading" }
  | { status: "ready"; data: FeatureCollection; bbox: Bbox | null }
  | { status: "error"; failure: LoadFailure };

export type RulesState =
  | { status: "loading" }
  /** The catalogue names no rules file. */
  | { status: "none" }
  | { status: "ready"; file: string; rules: Rule[]; problems: RuleProblem[] }
  | { status: "failed"; file: string; failure: LoadFailure };
