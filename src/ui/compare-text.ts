import type { TFunction } from "i18next";
import type { PieceKind } from "../core/compare/index";

/** A code as shown: the value from the file as text, or "(no code)". Never markup. */
export function codeText(code: string | null, t: TFunction): string {
  return code ?? t("compare.noCode");
}

/** A transition as shown: "ODT → LUC" (changed), "→ DGT" (added), "CLN →" (removed). */
export function transitionText(
  kind: PieceKind,
  from: string | null,
  to: string | null,
  t: TFunction,
): string {
  switch (kind) {
    case "changed":
      return `${codeText(from, t)} → ${codeText(to, t)}`;
    case "added":
      return `→ ${codeText(to, t)}`;
    case "removed":
      return `${codeText(from, t)} →`;
  }
}
