import { type ComponentProps, lazy } from "react";
import { useAppStore } from "../state/store";
import type { CheckPanel as CheckPanelNow } from "./check-panel";
import { OnDemand } from "./on-demand";
import type { ProgressTable as ProgressTableNow } from "./progress-table";

/*
 * The parts of the app the first picture does not need, each loaded the first time it is shown:
 * the same components under the same names, so a caller only changes where it imports them from.
 * Their modules (and what only they use: the virtualised result lists, the comparison's tables,
 * the import's report) stay out of the entry chunk.
 */

const CheckPanelChunk = lazy(() =>
  import("./check-panel").then((m) => ({ default: m.CheckPanel })),
);
const ProposalCompareChunk = lazy(() =>
  import("./proposal-compare").then((m) => ({ default: m.ProposalCompare })),
);
const ProgressTableChunk = lazy(() =>
  import("./progress-table").then((m) => ({ default: m.ProgressTable })),
);
const ImportDialogChunk = lazy(() =>
  import("./import-dialog").then((m) => ({ default: m.ImportDialog })),
);

/** The "Check" tab's panel (src/ui/check-panel.tsx), loaded when the tab is first opened. */
export function CheckPanel(props: ComponentProps<typeof CheckPanelNow>) {
  return (
    <OnDemand part={(t) => t("tabs.check")}>
      <CheckPanelChunk {...props} />
    </OnDemand>
  );
}

/** The "Compare" tab (src/ui/proposal-compare.tsx), loaded when a proposal's tab is first opened. */
export function ProposalCompare() {
  return (
    <OnDemand part={(t) => t("tabs.compare")}>
      <ProposalCompareChunk />
    </OnDemand>
  );
}

/** The "Progress" tab's table (src/ui/progress-table.tsx). */
export function ProgressTable(props: ComponentProps<typeof ProgressTableNow>) {
  return (
    <OnDemand part={(t) => t("tabs.progress")}>
      <ProgressTableChunk {...props} />
    </OnDemand>
  );
}

/** The import dialog (src/ui/import-dialog.tsx), loaded when a file is first opened or dropped. */
export function ImportDialog() {
  // Rendered by the app at all times: its chunk is asked for only once a file is being imported.
  const importing = useAppStore((s) => s.app.importing.status !== "idle");
  if (!importing) return null;
  return (
    <OnDemand part={(t) => t("onDemand.importPart")} quiet>
      <ImportDialogChunk />
    </OnDemand>
  );
}
