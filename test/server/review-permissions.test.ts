import { readFileSync } from "node:fs";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FlagEvent, formatReviewFile } from "../../src/core/review/index";
import {
  may,
  PERMISSIONS,
  REVIEW_RIGHTS,
  REVIEW_ROLES,
  type ReviewRight,
  type ReviewRole,
} from "../../src/core/review/review-roles";
import type { Database } from "../../src/server/db/database";
import {
  addUser,
  type Client,
  commentEvent,
  createEvent,
  newEventId,
  nextTime,
  proposalGeoJson,
  signIn,
  statusEvent,
  testApp,
  testDatabase,
} from "./support/review-server-harness";

/*
 * Every cell of the permission table (README "Who may do what"), through the API: each role tries
 * each right in a review it belongs to, and a member of another review tries each of them here.
 */

const REVIEW = "council-a";
const OTHER = "council-b";
/** The account of each role in REVIEW. */
const ACCOUNT: Record<ReviewRole, string> = {
  admin: "Admin",
  lead: "Lead",
  reviewer: "Reviewer",
  consultant: "Consultant",
  viewer: "Viewer",
};

let db: Database;
let app: Hono;
let stop: () => Promise<void>;
const clients = new Map<string, Client>();
const as = (name: string) => clients.get(name) as Client;

beforeAll(async () => {
  const opened = await testDatabase("pglite");
  db = opened.db;
  stop = opened.stop;
  app = testApp(db);
  for (const role of REVIEW_ROLES) await addUser(db, ACCOUNT[role], role, REVIEW);
  await addUser(db, "Second", "reviewer", REVIEW);
  await addUser(db, "Outsider", "lead", OTHER);
  for (const name of [...Object.values(ACCOUNT), "Second", "Outsider"]) {
    clients.set(name, await signIn(app, name));
  }
}, 120_000);
afterAll(async () => stop?.());

/** A flag the lead made, for a right to act on. */
async function flagOfLead(): Promise<FlagEvent> {
  const created = createEvent("Lead");
  expect((await as("Lead").send(REVIEW, [created])).status).toBe(200);
  return created;
}

/** A flag two reviewers left different statuses on (for `settle`): its flag id and heads. */
async function disputedFlag(): Promise<{ flagId: string; heads: string[] }> {
  const created = await flagOfLead();
  const a = statusEvent("Lead", created.flagId, "confirmed", [created.eventId]);
  const b = statusEvent("Second", created.flagId, "resolved", [created.eventId]);
  expect((await as("Lead").send(REVIEW, [a])).status).toBe(200);
  expect((await as("Second").send(REVIEW, [b])).status).toBe(200);
  return { flagId: created.flagId, heads: [a.eventId, b.eventId] };
}

/** Exercises `right` as `name` in `review`; the HTTP status. */
async function attempt(right: ReviewRight, name: string, review: string): Promise<number> {
  const c = as(name);
  switch (right) {
    case "read":
      return (await c.get(`/api/reviews/${review}/events`)).status;
    case "flag":
      return (await c.send(review, [createEvent(name)])).status;
    case "status": {
      const f = await flagOfLead();
      return (await c.send(review, [statusEvent(name, f.flagId, "confirmed", [f.eventId])])).status;
    }
    case "settle": {
      const d = await disputedFlag();
      const settle = statusEvent(name, d.flagId, "confirmed", d.heads, {
        comment: "quyết định của hội đồng",
        settles: true,
      });
      return (await c.send(review, [settle])).status;
    }
    case "comment": {
      const f = await flagOfLead();
      return (await c.send(review, [commentEvent(name, f.flagId, "đã tiếp thu")])).status;
    }
    case "edit": {
      const f = await flagOfLead();
      const del: FlagEvent = {
        eventId: newEventId(),
        flagId: f.flagId,
        at: nextTime(),
        reviewer: name,
        type: "delete",
      };
      return (await c.send(review, [del])).status;
    }
    case "close": {
      const status = (await c.post(`/api/reviews/${review}/close`, { closed: true })).status;
      if (status === 200) {
        const reopened = await as("Admin").post(`/api/reviews/${review}/close`, { closed: false });
        expect(reopened.status).toBe(200);
      }
      return status;
    }
    case "import": {
      const file = formatReviewFile([createEvent("Council Member")]);
      return (await c.post(`/api/reviews/${review}/import`, file)).status;
    }
    case "address": {
      const f = await flagOfLead();
      const asked = commentEvent(name, f.flagId, "đề nghị giải trình", { to: "consultant" });
      return (await c.send(review, [asked])).status;
    }
    case "answer": {
      const f = await flagOfLead();
      const asked = commentEvent("Lead", f.flagId, "đề nghị giải trình", { to: "consultant" });
      expect((await as("Lead").send(REVIEW, [asked])).status).toBe(200);
      const answer = commentEvent(name, f.flagId, "đã giải trình", { inReplyTo: asked.eventId });
      return (await c.send(review, [answer])).status;
    }
    case "upload":
      return (await c.upload(review, "phuong-an.geojson", proposalGeoJson())).status;
  }
}

const cells = REVIEW_ROLES.flatMap((role) =>
  REVIEW_RIGHTS.map((right) => ({ role, right, allowed: may(role, right) })),
);

describe("who may do what: every cell of the permission table", () => {
  it.each(cells)("$role may $right: $allowed", async ({ role, right, allowed }) => {
    expect(await attempt(right, ACCOUNT[role], REVIEW)).toBe(allowed ? 200 : 403);
  });

  it.each(REVIEW_RIGHTS)(
    "a lead of another review cannot %s here (404: not even that it exists)",
    async (right) => {
      // the flags it acts on are made in REVIEW by its own members first
      expect(await attempt(right, "Outsider", REVIEW)).toBe(404);
    },
  );

  it("a consultant answers with a comment but cannot change a status, and is told so", async () => {
    const f = await flagOfLead();
    const refused = await as("Consultant").send(REVIEW, [
      statusEvent("Consultant", f.flagId, "resolved", [f.eventId]),
    ]);
    expect(refused.status).toBe(403);
    const { error } = await refused.json();
    expect(error.en).toMatch(/the role "consultant" may not change a flag's status/);
    expect(error.vi).toMatch(/đơn vị tư vấn/);
    const answer = await as("Consultant").send(REVIEW, [
      commentEvent("Consultant", f.flagId, "đã điều chỉnh ranh giới lô đất"),
    ]);
    expect(answer.status).toBe(200);
  });

  it("a closed review refuses every change, even the lead's, until it is reopened", async () => {
    expect((await as("Lead").post(`/api/reviews/${REVIEW}/close`, { closed: true })).status).toBe(
      200,
    );
    try {
      const res = await as("Lead").send(REVIEW, [createEvent("Lead")]);
      expect(res.status).toBe(403);
      expect((await res.json()).error.en).toMatch(/is closed/);
      expect((await as("Viewer").get(`/api/reviews/${REVIEW}/events`)).status).toBe(200);
    } finally {
      await as("Lead").post(`/api/reviews/${REVIEW}/close`, { closed: false });
    }
    expect((await as("Lead").send(REVIEW, [createEvent("Lead")])).status).toBe(200);
  });

  it("the README shows the same table", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const cellsOf = (line: string) =>
      line
        .split("|")
        .slice(1, -1)
        .map((c) => c.trim());
    const header = readme.split("\n").find((l) => /^\|\s*right\s*\|/.test(l)) ?? "";
    expect(cellsOf(header).slice(1, 1 + REVIEW_ROLES.length)).toEqual([...REVIEW_ROLES]);
    for (const right of REVIEW_RIGHTS) {
      const line = readme.split("\n").find((l) => cellsOf(l)[0] === `\`${right}\``) ?? "";
      const row = REVIEW_ROLES.map((role) => (PERMISSIONS[role].includes(right) ? "✓" : "—"));
      expect(cellsOf(line).slice(1, 1 + REVIEW_ROLES.length), right).toEqual(row);
    }
  });
});
