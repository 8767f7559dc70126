import { useMemo } from "react";
import { useAppStore } from "../state/store";

const NONE: ReadonlyMap<string, string> = new Map();

/** District names by code, from the base data (empty while it loads or when it failed). */
export function useDistrictNames(): ReadonlyMap<string, string> {
  const base = useAppStore((s) => s.resources.base);
  return useMemo(
    () => (base.status === "ready" ? new Map(base.districts.map((d) => [d.code, d.name])) : NONE),
    [base],
  );
}
