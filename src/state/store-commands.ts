import type { Finding } from "../core/check/index";
import type { ComparePiece } from "../core/compare/index";
import type { ReviewEventResult, ReviewIntent } from "../core/review/index";
import type { ImportOverrides } from "../worker/import-protocol";
import type { DistrictInfo } from "./districts-index";
import type { ImportOutcome } from "./flag-store/index";

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
  /**
   * A reviewer's change to the flags (flag a finding, set a status, comment, draw, delete…),
   * signed with the store's `review.reviewer`: appended and saved, or refused with the reason.
   */
  applyReview: (intent: ReviewIntent) => ReviewEventResult;
  /** Retries a failed save of the flags now. */
  retryFlagSave: () => void;
  /** The review file (GeoJSON text) of every flag event, with the current run's geometry. */
  exportReview: () => string;
  /** Merges a review file in; a bad or foreign file changes nothing and says why. */
  importReview: (text: string) => ImportOutcome;
};

const nothing = () => {};

const NOT_READY = {
  vi: "Ứng dụng chưa sẵn sàng lưu cờ; thử lại sau giây lát.",
  en: "The app is not ready to keep flags yet; try again in a moment.",
};

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
  applyReview: () => ({ ok: false, problem: NOT_READY }),
  retryFlagSave: nothing,
  exportReview: () => "",
  importReview: () => ({ ok: false, problems: [] }),
};
