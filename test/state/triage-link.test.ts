import { describe, expect, it } from "vitest";
import { checkReducer, DEFAULT_TRIAGE, initialCheckState } from "../../src/state/check-state";
import { formatUrlState, parseUrlState } from "../../src/state/url-state";

/*
 * The findings list's filter and order go into the link like the tab and the finding: several
 * values per part (two statuses, two districts), read back as they were written.
 */

describe("the findings filter in a link", () => {
  const triage = {
    filter: {
      severities: ["error" as const],
      rules: ["urban-on-protected-rice-land", "forest-kept"],
      districts: ["001", "017"],
      reviewStatuses: ["open" as const, "needs-revision" as const],
      minAreaSquareMeters: 10_000,
    },
    sort: { by: "share" as const, direction: "desc" as const },
  };

  it("writes every chosen value and reads the same filter back", () => {
    const hash = formatUrlState({ tab: "check", triage });
    expect(hash).toBe(
      "tab=check&severity=error&rule=urban-on-protected-rice-land,forest-kept&district=001,017&status=open,needs-revision&minarea=1&sort=share-desc",
    );
    expect(parseUrlState(`#${hash}`)).toEqual({ tab: "check", triage });
  });

  it("leaves out a filter that narrows nothing and the default order", () => {
    expect(formatUrlState({ tab: "check", triage: DEFAULT_TRIAGE })).toBe("tab=check");
    expect(parseUrlState("#tab=check")).not.toHaveProperty("triage");
  });

  it("reads a part alone as the whole filter: what it does not name is 'any'", () => {
    expect(parseUrlState("#status=unflagged,resolved").triage).toEqual({
      filter: {
        severities: [],
        rules: [],
        districts: [],
        reviewStatuses: ["unflagged", "resolved"],
        minAreaSquareMeters: 0,
      },
      sort: DEFAULT_TRIAGE.sort,
    });
  });

  it("drops what a hand-edited link gets wrong and keeps the rest", () => {
    const read = parseUrlState(
      "#severity=fatal,error&rule=Bad Rule,ok-rule&district=001,<b>,001&status=open,maybe&minarea=-3&sort=name",
    ).triage;
    expect(read).toEqual({
      filter: {
        severities: ["error"],
        rules: ["ok-rule"],
        districts: ["001"],
        reviewStatuses: ["open"],
        minAreaSquareMeters: 0,
      },
      sort: DEFAULT_TRIAGE.sort,
    });
  });

  it("is put into the check slice as a whole", () => {
    const narrowed = checkReducer(initialCheckState(), {
      type: "set-triage-filter",
      patch: { severities: ["warning"], rules: ["x"] },
    });
    const next = checkReducer(narrowed, { type: "set-triage", triage });
    expect(next.triage).toEqual(triage);
  });
});
