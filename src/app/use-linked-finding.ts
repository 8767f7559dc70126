import { useEffect, useRef } from "react";
import { useAppStore, useDispatch } from "../state/store";
import { selectedFinding } from "../state/store-selectors";
import type { UrlState } from "../state/url-state";

/**
 * Opens what a link names: its tab, the findings list's filter and order, and its finding. Findings
 * exist only after a run, so a link with a finding opens the check tab, selects the id and runs the
 * check by itself as soon as the rules and layers are ready (what someone following a colleague's
 * link expects: the finding, not an empty panel), then frames the finding on the map. A finding the
 * run no longer finds is said in the panel (`check.missing`).
 */
export function useLinkedFinding(link: UrlState): void {
  const dispatch = useDispatch();
  const pending = useRef(link.finding !== undefined);
  const framed = useRef(link.finding === undefined);

  useEffect(() => {
    if (link.tab) dispatch({ type: "set-tab", tab: link.tab });
    if (link.triage) dispatch({ type: "set-triage", triage: link.triage });
    if (link.finding === undefined) return;
    if (!link.tab) dispatch({ type: "set-tab", tab: "check" });
    dispatch({ type: "select-finding", id: link.finding });
  }, [dispatch, link]);

  const ready = useAppStore(
    (s) => s.resources.rules.status === "ready" && s.resources.checkData?.status === "ready",
  );
  const idle = useAppStore((s) => s.check.running === null && s.check.last === null);
  const runCheck = useAppStore((s) => s.commands.runCheck);
  useEffect(() => {
    if (!pending.current || !ready || !idle) return;
    pending.current = false;
    runCheck();
  }, [ready, idle, runCheck]);

  const finding = useAppStore(selectedFinding);
  const selectFinding = useAppStore((s) => s.commands.selectFinding);
  useEffect(() => {
    if (framed.current || !finding) return;
    framed.current = true;
    selectFinding(finding);
  }, [finding, selectFinding]);
}

/**
 * {@link useLinkedFinding} in a component of its own: it reads the registered commands, which change
 * whenever the app registers them again, and that must not render the app shell again.
 */
export function LinkedFinding({ link }: { link: UrlState }): null {
  useLinkedFinding(link);
  return null;
}
