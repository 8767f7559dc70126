import type { Finding } from "../core/check/index";
import type { ComparePiece } from "../core/compare/index";
import type { ImportOverrides } from "../worker/import-protocol";
import type { DistrictInfo } from "./districts-index";

/**
 * What components ask of the app beyond a state change: work on the workers and moves of the map.
 * The app (`src/app`) registers them in the store, so components call them without importing the
 * app — no `ui → app` imports, no callbacks handed down through props.
 */
export type StoreCommands = {
  /** Checks the ticked rules whose layers loaded; a run in progress is replaced. */
  runCheck: () => void;
  cancelCheck: () => void;
  /** Compares the loaded proposal again (after a cancel or a failure). */
  rerunCompare: () => void;
  cancelCompare: () => void;
  /** Reads files chosen or dropped together (one input) and opens the import dialog. */
  openImport: (files: File[]) => void;
  /** Prepares the files in the dialog again with another CRS, attribute, layer or target. */
  overrideImport: (change: Partial<ImportOverrides>) => void;
  /** Stops any reading and closes the dialog; the session stays as it was. */
  cancelImport: () => void;
  /** Loads the reviewed proposal's valid features as the proposal layer. */
  loadImport: () => void;
  /** Selects a finding and frames it on the map. */
  selectFinding: (finding: Finding) => void;
  /** Selects a comparison piece and frames it on the map. */
  selectPiece: (piece: ComparePiece) => void;
  /** Chooses a district from the search: summary shown, map framed on it. */
  selectDistrict: (district: DistrictInfo) => void;
  /** Frames a layer (catalogue or proposal) on the map. */
  zoomToLayer: (id: string) => void;
};

const nothing = () => {};

/** Before the app has registered its commands (first render): every command does nothing. */
export const UNREGISTERED_COMMANDS: StoreCommands = {
  runCheck: nothing,
  cancelCheck: nothing,
  rerunCompare: nothing,
  cancelCompare: nothing,
  openImport: nothing,
  overrideImport: nothing,
  cancelImport: nothing,
  loadImport: nothing,
  selectFinding: nothing,
  selectPiece: nothing,
  selectDistrict: nothing,
  zoomToLayer: nothing,
};
