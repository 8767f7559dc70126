import { useEffect, useState } from "react";
import type { Catalog } from "../core/catalog/parse-catalog";
import { parseRules } from "../core/catalog/rules-schema";
import type { RulesState } from "../state/load-states";
import { catalogFileUrl } from "./app-file-url";
import { loadJson, toLoadFailure } from "./load-source";

/**
 * A path relative to the catalogue as users see it, e.g. "rules.json" → "layers/rules.json"; a
 * path that leads elsewhere (an absolute URL) is shown as written.
 */
export function shownRulesFile(rules: string, catalogFile: string): string {
  try {
    const url = new URL(rules, new URL(catalogFile, "file:///"));
    return url.protocol === "file:" && url.host === "" ? url.pathname.slice(1) : rules;
  } catch {
    return rules;
  }
}

/**
 * Fetches the catalogue's rules file (its `rules`, relative to the catalogue) and validates it rule
 * by rule: bad rules come back as problems beside the usable ones.
 */
export function useRules(
  catalog: Catalog | null,
  catalogUrl: URL,
  catalogFile: string,
): RulesState {
  const [state, setState] = useState<RulesState>({ status: "loading" });
  useEffect(() => {
    if (!catalog) return;
    if (!catalog.rules) {
      setState({ status: "none" });
      return;
    }
    let cancelled = false;
    const file = shownRulesFile(catalog.rules, catalogFile);
    const layerIds = new Set(catalog.layers.map((l) => l.id));
    setState({ status: "loading" });
    const path = catalog.rules;
    // Resolved inside the promise: a path off the app's host is a load failure, not a crash.
    Promise.resolve()
      .then(() => loadJson(catalogFileUrl(path, catalogUrl), file))
      .then(
        (json) => {
          if (cancelled) return;
          const { rules, problems } = parseRules(json, layerIds);
          setState({ status: "ready", file, rules, problems });
        },
        (error: unknown) => {
          if (!cancelled) setState({ status: "failed", file, failure: toLoadFailure(error, file) });
        },
      );
    return () => {
      cancelled = true;
    };
  }, [catalog, catalogUrl, catalogFile]);
  return state;
}
