import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Finding } from "../core/check/index";
import { type Flag, flagIdForFinding } from "../core/review/index";
import { groupFindings } from "../state/check-groups";
import {
  findingRowIndex,
  flattenGroups,
  type GroupRef,
  groupPathsOf,
  isGroupOpen,
  type ResultRow,
  topOpenByDefault,
} from "../state/check-rows";
import type { GroupBy } from "../state/check-state";
import { ownMessage, sharedRuleMessages } from "../state/rule-messages";
import { CheckFindingRow } from "./check-finding-row";
import { CheckGroupHeader } from "./check-group-header";
import type { FindingNames } from "./use-finding-names";

type Props = {
  findings: readonly Finding[];
  groupBy: GroupBy;
  ruleOrder: readonly string[];
  names: FindingNames;
  selectedId: string | null;
  onSelect: (finding: Finding) => void;
  /** Every flag by flag id (the flag store's snapshot): cards show their flag's status. */
  flags?: ReadonlyMap<string, Flag>;
  /**
   * The whole run's findings when `findings` is a filtered and sorted part of them (the order is
   * kept within each group): the user's open/closed
   * choices belong to the run (a new filter or a flag keeps them, a new run starts from the
   * defaults), and each rule's shared legal sentence is found on the run. Defaults to `findings`.
   */
  runFindings?: readonly Finding[];
};

type Shared = ReturnType<typeof sharedRuleMessages>;
const NO_FLAGS: ReadonlyMap<string, Flag> = new Map();

/** First guesses of row heights in px, until a row is drawn and measured. */
const GROUP_ROW_ESTIMATE = 34;
const FINDING_ROW_ESTIMATE = 96;
/** Rows drawn beyond each end of the visible part, so short scrolls and Tab find a row ready. */
const OVERSCAN = 8;
/**
 * Height assumed before the list is measured: the first paint (and server rendering, in the unit
 * tests) draws about a screenful of rows instead of none.
 */
const INITIAL_RECT = { width: 0, height: 640 };

const NO_TOGGLES: ReadonlyMap<string, boolean> = new Map();

/**
 * Findings in two levels of groups (see `groupFindings`), each group headed by its count and total
 * area. Top-level groups start closed when there are many findings, so the headers read as an
 * overview. The groups are flattened into one list of rows (`flattenGroups`) and only the rows in
 * view are in the DOM, so a run with thousands of findings stays quick to scroll, regroup and open.
 * Memoised, so progress updates of a new run do not redraw the old list.
 */
export const CheckResults = memo(function CheckResults(props: Props) {
  const { findings, groupBy, ruleOrder, names, selectedId, onSelect } = props;
  const flags = props.flags ?? NO_FLAGS;
  const resetKey = props.runFindings ?? findings;
  // The legal sentence of each rule, said once in its header.
  const shared = useMemo(() => sharedRuleMessages(resetKey), [resetKey]);
  // A filtered list comes in the reviewer's order (area or share), which the groups keep.
  const keepOrder = props.runFindings !== undefined;
  const groups = useMemo(
    () => groupFindings(findings, groupBy, { ruleOrder, districtName: names.district, keepOrder }),
    [findings, groupBy, ruleOrder, names, keepOrder],
  );
  // The user's open/closed choices belong to one run's findings; a new run starts from the defaults.
  const [toggles, setToggles] = useState({ key: resetKey, toggled: NO_TOGGLES });
  const toggled = toggles.key === resetKey ? toggles.toggled : NO_TOGGLES;
  const topOpen = topOpenByDefault(groups, findings.length);
  const rows = useMemo(
    () => flattenGroups(groups, { topOpen, toggled }),
    [groups, topOpen, toggled],
  );
  /** Opens or closes groups; no new state when they are so already. */
  const setOpen = useCallback(
    (refs: readonly GroupRef[], value: boolean) =>
      setToggles((prev) => {
        const current = prev.key === resetKey ? prev.toggled : NO_TOGGLES;
        const open = { topOpen, toggled: current };
        if (refs.every((g) => isGroupOpen(open, g.path, g.level) === value)) return prev;
        const next = new Map(current);
        for (const g of refs) next.set(g.path, value);
        return { key: resetKey, toggled: next };
      }),
    [resetKey, topOpen],
  );

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: useCallback(
      (index: number) =>
        rows[index]?.kind === "finding" ? FINDING_ROW_ESTIMATE : GROUP_ROW_ESTIMATE,
      [rows],
    ),
    getItemKey: useCallback((index: number) => rows[index]?.id ?? index, [rows]),
    overscan: OVERSCAN,
    initialRect: INITIAL_RECT,
  });

  // A finding selected anywhere (this list, the map) or a regrouping: open the groups it is in, then
  // scroll its row into view once the rows include it (at once, or after the groups have opened).
  const revealRef = useRef<string | null>(null);
  useEffect(() => {
    revealRef.current = selectedId;
    if (selectedId !== null) setOpen(groupPathsOf(groups, selectedId), true);
  }, [selectedId, groups, setOpen]);
  useEffect(() => {
    if (selectedId === null || revealRef.current !== selectedId) return;
    const index = findingRowIndex(rows, selectedId);
    if (index < 0) return;
    revealRef.current = null;
    virtualizer.scrollToIndex(index, { align: "auto" });
  }, [rows, virtualizer, selectedId]);

  const items = virtualizer.getVirtualItems();
  return (
    <div
      ref={scrollRef}
      className="check-results"
      data-testid="check-results"
      data-rows={rows.length}
    >
      <ul className="check-results__rows" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return (
            <li
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              className={`check-row check-row--level-${row.level}`}
              style={{ transform: `translateY(${item.start}px)` }}
              aria-setsize={rows.length}
              aria-posinset={item.index + 1}
            >
              <RowView
                row={row}
                names={names}
                selectedId={selectedId}
                onSelect={onSelect}
                onToggle={setOpen}
                flags={flags}
                shared={shared}
              />
            </li>
          );
        })}
      </ul>
    </div>
  );
});

function RowView({
  row,
  names,
  selectedId,
  onSelect,
  onToggle,
  flags,
  shared,
}: {
  row: ResultRow;
  names: FindingNames;
  selectedId: string | null;
  onSelect: (finding: Finding) => void;
  onToggle: (groups: readonly GroupRef[], open: boolean) => void;
  flags: ReadonlyMap<string, Flag>;
  shared: Shared;
}) {
  if (row.kind === "group") {
    return (
      <CheckGroupHeader
        path={row.id}
        group={row.group}
        level={row.level}
        open={row.open}
        names={names}
        onToggle={onToggle}
        message={row.group.by === "rule" ? shared.get(row.group.key) : undefined}
      />
    );
  }
  return (
    <CheckFindingRow
      finding={row.finding}
      names={names}
      selected={row.finding.id === selectedId}
      onSelect={onSelect}
      flag={flags.get(flagIdForFinding(row.finding.id))}
      showMessage={ownMessage(row.finding, shared)}
    />
  );
}
