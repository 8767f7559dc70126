import { readdirSync, readFileSync } from "node:fs";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  launchChromium,
  PLAYWRIGHT_DISABLED_FEATURES,
} from "../../scripts/chromium.mjs";

/** The command lines of this process's child processes (the browser Playwright started). */
function childCommandLines(): string[][] {
  const lines: string[][] = [];
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid !== process.pid) continue;
      lines.push(readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean));
    } catch {
      // the process ended while the list was read
    }
  }
  return lines;
}

/** The features the browser started by `launch` turns off: only its last --disable-features counts. */
async function disabledFeatures(launch: () => ReturnType<typeof launchChromium>) {
  const browser = await launch();
  try {
    // Debian's /usr/bin/chromium is a script that execs the browser: the same process
    const line = childCommandLines().find((args) => args.includes("--remote-debugging-pipe"));
    if (!line) throw new Error(`no child process runs ${CHROMIUM_PATH}`);
    const switches = line.filter((arg) => arg.startsWith("--disable-features="));
    return {
      count: switches.length,
      last: (switches.at(-1) ?? "").slice("--disable-features=".length).split(","),
    };
  } finally {
    await browser.close();
  }
}

describe("the browser the tests and benchmarks drive", () => {
  it("turns off what Playwright turns off, and the browser's own address-bar popup", async () => {
    // Playwright's own list, as it passes it with no --disable-features of ours
    const playwright = await disabledFeatures(() =>
      chromium.launch({
        executablePath: CHROMIUM_PATH,
        args: CHROMIUM_ARGS.filter((arg) => !arg.startsWith("--disable-features=")),
      }),
    );
    expect(playwright.count).toBe(1);
    // a change here means scripts/chromium.mjs's copy must follow
    expect([...playwright.last].sort()).toEqual([...PLAYWRIGHT_DISABLED_FEATURES].sort());

    const ours = await disabledFeatures(launchChromium);
    // ours comes last and so is the one Chromium honours: it must carry Playwright's list
    expect(ours.count).toBe(2);
    expect(ours.last).toEqual(expect.arrayContaining([...PLAYWRIGHT_DISABLED_FEATURES]));
    expect(ours.last).toEqual(
      expect.arrayContaining([
        "WebUIOmniboxPopup",
        "WebUIOmniboxFullPopup",
        "PreloadTopChromeWebUI",
      ]),
    );
  });
});
