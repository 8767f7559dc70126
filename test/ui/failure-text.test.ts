import i18next from "i18next";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { LoadFailure } from "../../src/state/load-failure";
import { BaseDataNotice } from "../../src/ui/base-data-notice";
import { renderInVietnamese } from "./render";

renderInVietnamese();

const cutShort: LoadFailure = {
  file: "data/provinces.fgb",
  reason: "fgb",
  detail: "the file has only 7 bytes: it is cut short inside its header",
  message: {
    vi: "tệp chỉ có 7 byte, bị cắt cụt ngay trong phần đầu (header)",
    en: "the file has only 7 bytes: it is cut short inside its header",
  },
};
const missing: LoadFailure = {
  file: "data/hanoi-boundary.fgb",
  reason: "not-found",
  detail: "404",
};

/** The notice's list items as text. */
function items(failures: LoadFailure[]): string[] {
  const html = renderToStaticMarkup(
    createElement(BaseDataNotice, { state: { status: "failed", failures } }),
  );
  return [...html.matchAll(/<li>(.*?)<\/li>/g)].map((m) => m[1] as string);
}

describe("a load failure in words", () => {
  it("is the reader's own message as it stands, with no second wording around it", () => {
    expect(items([cutShort])).toEqual([
      "Không tải được data/provinces.fgb: tệp chỉ có 7 byte, bị cắt cụt ngay trong phần đầu (header)",
    ]);
  });

  it("is the app's words for a reason no reader found, in the UI's language", async () => {
    expect(items([missing])).toEqual([
      "Không tải được data/hanoi-boundary.fgb: không tìm thấy tệp",
    ]);
    await i18next.changeLanguage("en");
    expect(items([cutShort, missing])).toEqual([
      "Could not load data/provinces.fgb: the file has only 7 bytes: it is cut short inside its header",
      "Could not load data/hanoi-boundary.fgb: file not found",
    ]);
  });
});
