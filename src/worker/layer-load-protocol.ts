import type { FeatureCollection } from "geojson";
import type { GeometryKind } from "../core/validate/validate-layer";
import type { LoadFailure } from "../state/load-failure";

/** Asks the layer-loading worker for one file; `id` pairs the answer with the request. */
export type ToLayerLoadWorker = {
  id: number;
  /** Absolute URL of the file. */
  url: string;
  /** The file's name as the user sees it in messages. */
  file: string;
  kind: GeometryKind;
};

/** The file read and validated, or why it could not be. */
export type FromLayerLoadWorker =
  | { id: number; ok: true; data: FeatureCollection }
  | { id: number; ok: false; failure: LoadFailure };
