import type { ImportReport, ImportStage } from "../worker/import-protocol";

/**
 * The import dialog. `working`: the worker reads or prepares the files (`report` holds the previous
 * report while an override is applied, so the dialog does not go blank). `review`: the user sees
 * the report and chooses to load or cancel. `failed`: the worker broke (a bug; bad files end in a
 * report with problems).
 */
export type ImportState =
  | { status: "idle" }
  | {
      status: "working";
      files: string[];
      stage: ImportStage;
      progress: { done: number; total: number };
      report: ImportReport | null;
    }
  | { status: "review"; report: ImportReport }
  | { status: "failed"; files: string[]; message: string };

export type ImportAction =
  /** Files chosen or dropped, or an override to apply to the ones in the dialog. */
  | { type: "import-started"; files: string[] }
  | { type: "import-progress"; stage: ImportStage; done: number; total: number }
  | { type: "import-reported"; report: ImportReport }
  | { type: "import-failed"; message: string }
  /** Cancel or close: the dialog goes, nothing else changes. */
  | { type: "import-closed" };

export const IDLE_IMPORT: ImportState = { status: "idle" };

/** Applies one import action to the dialog's state. */
export function importReducer(state: ImportState, action: ImportAction): ImportState {
  switch (action.type) {
    case "import-started":
      return {
        status: "working",
        files: action.files,
        stage: "read",
        progress: { done: 0, total: 0 },
        report: state.status === "review" ? state.report : null,
      };
    case "import-progress":
      if (state.status !== "working") return state;
      return {
        ...state,
        stage: action.stage,
        progress: { done: action.done, total: action.total },
      };
    case "import-reported":
      if (state.status !== "working") return state;
      return { status: "review", report: action.report };
    case "import-failed":
      if (state.status !== "working") return state;
      return { status: "failed", files: state.files, message: action.message };
    case "import-closed":
      return IDLE_IMPORT;
  }
}
