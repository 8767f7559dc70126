import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { type Flag, flagIdForFinding } from "../../src/core/review/index";
import type { ReviewRole } from "../../src/core/review/review-roles";
import type { ReviewServerState } from "../../src/state/review-state";
import { createAppStore, initialStoreData, StoreProvider } from "../../src/state/store";
import { FlagControls } from "../../src/ui/flag-controls";
import { FINDING, flagsAfter } from "../state/review-test-flags";
import { renderInVietnamese } from "./render";

renderInVietnamese();

const { events, flags } = flagsAfter([{ type: "flag-finding", finding: FINDING }]);
const FLAG = flags.get(flagIdForFinding(FINDING.id)) as Flag;

/** The server's state for a member of a shared review with `role` (null: the browser's own flags). */
const onServer = (role: ReviewRole | null): ReviewServerState | null =>
  role === null
    ? null
    : {
        kind: "review",
        session: { review: "r1", title: "Thẩm định", user: "Tư vấn", role, closed: false },
        online: true,
      };

/** The test ids of the controls a flag card shows (the flag flagged, or the finding not yet). */
function controls(role: ReviewRole | null, flag: Flag | undefined): string[] {
  const data = initialStoreData("none", "catalog.json");
  const store = createAppStore({
    ...data,
    review: {
      ...data.review,
      reviewer: "Tư vấn",
      flags: { events, flags, save: { kind: "saved" } },
      server: onServer(role),
    },
  });
  const html = renderToStaticMarkup(
    createElement(
      StoreProvider,
      { store },
      createElement(FlagControls, { finding: FINDING, flag, lang: "vi" }),
    ),
  );
  return [...html.matchAll(/data-testid="(flag-[a-z-]+)"/g)].map((m) => m[1] as string);
}

describe("a flag card's controls follow the user's role", () => {
  it("the browser's own flags: every control", () => {
    expect(controls(null, FLAG)).toEqual(
      expect.arrayContaining(["flag-comment", "flag-status-select", "flag-comment-add"]),
    );
    expect(controls(null, undefined)).toContain("flag-create");
  });

  it("a reviewer on the server: status, comment and addressing the consultant", () => {
    expect(controls("reviewer", FLAG)).toEqual(
      expect.arrayContaining([
        "flag-status-select",
        "flag-status-apply",
        "flag-comment-add",
        "flag-comment-to-consultant",
      ]),
    );
  });

  it("a consultant: comments, but no status menu the server would refuse, and no flagging", () => {
    const shown = controls("consultant", FLAG);
    expect(shown).toContain("flag-comment-add");
    expect(shown).not.toContain("flag-status-select");
    expect(shown).not.toContain("flag-status-apply");
    expect(shown).not.toContain("flag-comment-to-consultant");
    expect(controls("consultant", undefined)).not.toContain("flag-create");
  });

  it("a viewer: no control that writes, only the history", () => {
    const shown = controls("viewer", FLAG);
    expect(shown.filter((id) => !id.startsWith("flag-history"))).toEqual(["flag-controls"]);
  });
});
