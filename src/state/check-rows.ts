import type { Finding } from "../core/check/index";
import type { FindingGroup } from "./check-groups";

/** Depth of a row in the results list: 0 under a top-level group, 1 under a second-level one. */
export type RowLevel = 0 | 1;

/** A group's header: its totals and whether its contents are shown. */
export type GroupRow = {
  kind: "group";
  /** The group's path (see {@link groupPath}), unique in the list. */
  id: string;
  group: FindingGroup;
  level: RowLevel;
  open: boolean;
};

/** One finding, under the group it is listed in. */
export type FindingRow = { kind: "finding"; id: string; finding: Finding; level: RowLevel };

export type ResultRow = GroupRow | FindingRow;

/**
 * Which groups are open: top-level groups follow `topOpen`, second-level groups start open, and
 * `toggled` holds the user's choices by group path, which win over both.
 */
export type OpenGroups = { topOpen: boolean; toggled: ReadonlyMap<string, boolean> };

/** More findings than this and the top-level groups start closed, so their headers read as an overview. */
export const OPEN_ALL_UP_TO = 20;

/** Top-level groups start open when there is only one of them or few findings in all. */
export function topOpenByDefault(groups: readonly FindingGroup[], findingCount: number): boolean {
  return groups.length === 1 || findingCount <= OPEN_ALL_UP_TO;
}

/** A group's path: its grouping and key, under its parent's path ("rule:r1/district:001"). */
export function groupPath(group: FindingGroup, parent: string | null): string {
  const own = `${group.by}:${group.key}`;
  return parent === null ? own : `${parent}/${own}`;
}

export function isGroupOpen(open: OpenGroups, path: string, level: RowLevel): boolean {
  return open.toggled.get(path) ?? (level === 0 ? open.topOpen : true);
}

/**
 * The results list as one flat list of rows, for a virtualised list: each group's header, then,
 * when it is open, its subgroups (or its findings at the last level). The contents of a closed group
 * give no rows at all, so the list is as long as what can be seen.
 */
export function flattenGroups(groups: readonly FindingGroup[], open: OpenGroups): ResultRow[] {
  const rows: ResultRow[] = [];
  const visit = (list: readonly FindingGroup[], parent: string | null, level: RowLevel) => {
    for (const group of list) {
      const id = groupPath(group, parent);
      const shown = isGroupOpen(open, id, level);
      rows.push({ kind: "group", id, group, level, open: shown });
      if (!shown) continue;
      if (group.children.length > 0 && level === 0) visit(group.children, id, 1);
      else {
        for (const finding of group.findings) {
          rows.push({ kind: "finding", id: `${id}#${finding.id}`, finding, level });
        }
      }
    }
  };
  visit(groups, null, 0);
  return rows;
}

/** A group by its path and level, to open or close it. */
export type GroupRef = { path: string; level: RowLevel };

/**
 * Paths of the groups a finding is listed under, outermost first (empty when it is in none), so
 * they can be opened to show it.
 */
export function groupPathsOf(groups: readonly FindingGroup[], findingId: string): GroupRef[] {
  const search = (
    list: readonly FindingGroup[],
    parent: string | null,
    level: RowLevel,
  ): GroupRef[] | null => {
    for (const group of list) {
      if (!group.findings.some((f) => f.id === findingId)) continue;
      const path = groupPath(group, parent);
      const inner = level === 0 ? search(group.children, path, 1) : null;
      return [{ path, level }, ...(inner ?? [])];
    }
    return null;
  };
  return search(groups, null, 0) ?? [];
}

/** Index of a finding's row in the flat list, or -1 when a closed group hides it. */
export function findingRowIndex(rows: readonly ResultRow[], findingId: string): number {
  return rows.findIndex((row) => row.kind === "finding" && row.finding.id === findingId);
}
