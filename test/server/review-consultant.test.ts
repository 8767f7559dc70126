import { readFileSync } from "node:fs";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AddressedItem, FlagEvent } from "../../src/core/review/index";
import type { Database } from "../../src/server/db/database";
import {
  addUser,
  type Client,
  commentEvent,
  createEvent,
  ENGINES,
  type Engine,
  proposalGeoJson,
  signIn,
  statusEvent,
  testApp,
  testDatabase,
} from "./support/review-server-harness";

/*
 * The consultant's side of a shared review, on each engine: what the council addresses to them (a
 * comment sent to them, a flag set to "needs revision") is listed for them, they answer it in the
 * flag's history, and they upload revised proposals, each read by the app's reader registry with
 * its validation and kept as a new version; a bad file is refused in both languages and changes
 * nothing.
 */

const REVIEW = "hanoi-2026";
const KML = new URL("../fixtures/io/kml/zones.kml", import.meta.url);

describe.each(ENGINES)("the consultant on %s", (engine: Engine) => {
  let db: Database;
  let app: Hono;
  let stop: () => Promise<void>;
  const members = new Map<string, Client>();
  const as = (name: string) => members.get(name) as Client;

  beforeAll(async () => {
    const opened = await testDatabase(engine);
    db = opened.db;
    stop = opened.stop;
    app = testApp(db);
    await addUser(db, "Lan", "lead", REVIEW);
    await addUser(db, "Minh", "reviewer", REVIEW);
    await addUser(db, "Tư vấn", "consultant", REVIEW);
    await addUser(db, "Khách", "viewer", REVIEW);
    await addUser(db, "Tuan", "consultant", "other-review");
    for (const name of ["Lan", "Minh", "Tư vấn", "Khách", "Tuan"]) {
      members.set(name, await signIn(app, name));
    }
  }, 120_000);
  afterAll(async () => stop?.());

  const addressed = async (name: string) => {
    const res = await as(name).get(`/api/reviews/${REVIEW}/addressed`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: AddressedItem[] }).items;
  };
  const versions = async (name: string) => {
    const res = await as(name).get(`/api/reviews/${REVIEW}/proposals`);
    expect(res.status).toBe(200);
    return (await res.json()).versions as Record<string, unknown>[];
  };

  it("lists what is addressed to the consultant; their answer goes in the flag's history", async () => {
    const created = createEvent("Minh");
    const asked = commentEvent("Minh", created.flagId, "giải trình chỉ tiêu mật độ", {
      to: "consultant",
    });
    const plain = commentEvent("Minh", created.flagId, "ghi chú nội bộ");
    const other = createEvent("Lan");
    const revise = statusEvent("Lan", other.flagId, "needs-revision", [other.eventId]);
    const sent = await as("Minh").send(REVIEW, [created, asked, plain]);
    expect(sent.status).toBe(200);
    expect((await as("Lan").send(REVIEW, [other, revise])).status).toBe(200);

    const before = await addressed("Tư vấn");
    expect(before.map((i) => i.event.eventId)).toEqual([asked.eventId, revise.eventId]);
    expect(before.every((i) => i.answers.length === 0)).toBe(true);

    const answer = commentEvent("Tư vấn", created.flagId, "đã điều chỉnh mật độ xuống 60%", {
      inReplyTo: asked.eventId,
    });
    expect((await as("Tư vấn").send(REVIEW, [answer])).status).toBe(200);
    const after = await addressed("Tư vấn");
    // the answered one goes last; the answer is in the flag's history, signed by the consultant
    expect(after.map((i) => i.event.eventId)).toEqual([revise.eventId, asked.eventId]);
    expect(after[1]?.answers).toEqual([answer]);
    const history = (await (await as("Lan").get(`/api/reviews/${REVIEW}/events`)).json())
      .events as FlagEvent[];
    expect(history.find((e) => e.eventId === answer.eventId)).toEqual(answer);
    // every member reads the same list; a member of another review cannot
    expect(await addressed("Khách")).toEqual(after);
    expect((await as("Tuan").get(`/api/reviews/${REVIEW}/addressed`)).status).toBe(404);
  });

  it("refuses an answer to something not addressed to the consultant, and a consultant's status change", async () => {
    const created = createEvent("Minh");
    const plain = commentEvent("Minh", created.flagId, "ghi chú nội bộ");
    expect((await as("Minh").send(REVIEW, [created, plain])).status).toBe(200);
    const stray = commentEvent("Tư vấn", created.flagId, "trả lời", { inReplyTo: plain.eventId });
    const refused = await as("Tư vấn").send(REVIEW, [stray]);
    expect(refused.status).toBe(422);
    const { error } = await refused.json();
    expect(error.en).toMatch(/not an earlier event of this flag addressed to the consultant/);
    expect(error.vi).toMatch(/gửi đơn vị tư vấn/);
    const status = statusEvent("Tư vấn", created.flagId, "resolved", [created.eventId]);
    const noStatus = await as("Tư vấn").send(REVIEW, [status]);
    expect(noStatus.status).toBe(403);
    expect((await noStatus.json()).error.en).toMatch(/"consultant" may not change a flag's status/);
    // nor may they address the consultant (themselves) — that is the council's
    const self = commentEvent("Tư vấn", created.flagId, "x", { to: "consultant" });
    expect((await as("Tư vấn").send(REVIEW, [self])).status).toBe(403);
  });

  it("uploads revised proposals as versions, with uploader and time, read by the registry", async () => {
    expect(await versions("Tư vấn")).toEqual([]);
    const first = await as("Tư vấn").upload(REVIEW, "phuong-an-2.geojson", proposalGeoJson());
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({
      version: 1,
      file: "phuong-an-2.geojson",
      format: "geojson",
      features: 2,
      uploadedBy: "Tư vấn",
    });
    // another format through the same registry: KML, the land-use attribute found by its values
    const kml = readFileSync(KML);
    const second = await as("Lan").upload(REVIEW, "phuong-an-3.kml", kml);
    expect(second.status).toBe(200);
    const listed = await versions("Khách");
    expect(listed.map((v) => [v.version, v.file, v.format, v.uploadedBy])).toEqual([
      [1, "phuong-an-2.geojson", "geojson", "Tư vấn"],
      [2, "phuong-an-3.kml", "kml", "Lan"],
    ]);
    expect(Date.parse(listed[1]?.uploadedAt as string)).not.toBeNaN();
    // the file comes back as it was sent
    const back = await as("Khách").get(`/api/reviews/${REVIEW}/proposals/2`);
    expect(back.status).toBe(200);
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(new Uint8Array(kml));
    expect(back.headers.get("content-disposition")).toMatch(/filename\*=UTF-8''phuong-an-3\.kml/);
    expect((await as("Khách").get(`/api/reviews/${REVIEW}/proposals/9`)).status).toBe(404);
    expect((await as("Tuan").get(`/api/reviews/${REVIEW}/proposals/1`)).status).toBe(404);
  });

  it("refuses a bad proposal in both languages, naming the file and the feature, and stores nothing", async () => {
    const before = await versions("Lan");
    const noCode = await as("Tư vấn").upload(
      REVIEW,
      "khong-ma.geojson",
      proposalGeoJson("XYZ-not-a-code"),
    );
    expect(noCode.status).toBe(422);
    const body = await noCode.json();
    expect(body.error.vi).toMatch(/khong-ma\.geojson: .*phương án chưa được lưu/);
    expect(body.error.en).toMatch(/the proposal was not stored/);
    expect(body.problems.join("\n")).toMatch(
      /Lỗi \/ Error: khong-ma\.geojson, đối tượng \/ feature 1\/2/,
    );
    const junk = await as("Tư vấn").upload(REVIEW, "hong.geojson", "{ not json");
    expect(junk.status).toBe(422);
    expect((await junk.json()).problems[0]).toMatch(/^Lỗi \/ Error: hong\.geojson: .* \/ /);
    const unknown = await as("Tư vấn").upload(REVIEW, "ghi-chu.txt", "hello");
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).error.en).toMatch(/format is not recognised/);
    const badName = await as("Tư vấn").upload(REVIEW, "../x.geojson", proposalGeoJson());
    expect(badName.status).toBe(400);
    expect(await versions("Lan")).toEqual(before);
  });

  it("a closed review takes no upload; a viewer and a reviewer may not upload", async () => {
    expect((await as("Khách").upload(REVIEW, "a.geojson", proposalGeoJson())).status).toBe(403);
    expect((await as("Minh").upload(REVIEW, "a.geojson", proposalGeoJson())).status).toBe(403);
    expect((await as("Lan").post(`/api/reviews/${REVIEW}/close`, { closed: true })).status).toBe(
      200,
    );
    try {
      const closed = await as("Tư vấn").upload(REVIEW, "a.geojson", proposalGeoJson());
      expect(closed.status).toBe(403);
      expect((await closed.json()).error.en).toMatch(/is closed/);
    } finally {
      await as("Lan").post(`/api/reviews/${REVIEW}/close`, { closed: false });
    }
  });
});
