import { existsSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { runBuild } from "../../src/cli/data-step/run-build";
import { buildArgs, buildDeps, scratchPerTest } from "./helpers";

/**
 * `npm run data -- --source <URL>` against a local server sending too much: before, the whole
 * body was held in memory until the 60 s timeout, and text over 512 MiB was reported as "not
 * valid UTF-8". Now the download stops at the limit (the file reader's JSON limit), with its
 * own message.
 */

const dirs = scratchPerTest();
/** A hang guard: each case answers in well under a second; before, the download ran 60 s. */
const HANG_GUARD = 30_000;
const MIB = 2 ** 20;

type Sender = (response: ServerResponse, sent: { bytes: number }) => void;

/** A server on 127.0.0.1 answering with `send`, counting what it sent and when clients left. */
async function server(send: Sender) {
  const sent = { bytes: 0, closed: 0 };
  const http = createServer((_, response) => {
    response.on("close", () => {
      sent.closed++;
    });
    send(response, sent);
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/01.json`,
    sent,
    close: () => {
      http.closeAllConnections();
      return new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** Writes 64 KiB chunks of JSON-ish text for as long as the client reads (no Content-Length). */
const endless: Sender = (response, sent) => {
  const chunk = Buffer.alloc(64 * 1024, " ");
  response.writeHead(200, { "content-type": "application/json" });
  response.write("[");
  const pump = () => {
    while (!response.destroyed) {
      sent.bytes += chunk.length;
      if (!response.write(chunk)) {
        response.once("drain", pump);
        return;
      }
    }
  };
  pump();
};

async function build(url: string, maxDownloadBytes?: number) {
  const lines: string[] = [];
  const code = await runBuild(
    buildArgs(url, dirs().out, dirs().layers),
    buildDeps(dirs().root, lines, {
      fetch: (u, init) => fetch(u, init),
      ...(maxDownloadBytes === undefined ? {} : { maxDownloadBytes }),
    }),
  );
  return { code, lines };
}

describe("npm run data from a URL: a body over the limit is cut off with a clear message", () => {
  it(
    "refuses a Content-Length over 512 MiB before reading the body",
    async () => {
      // Declares 600 MiB, then sends nothing: only the header can have ended this run.
      const s = await server((response) => {
        response.writeHead(200, { "content-length": String(600 * MIB) });
        response.flushHeaders();
      });
      try {
        const { code, lines } = await build(s.url);
        expect(code).toBe(2);
        expect(lines).toEqual([
          `Lỗi / Error: ${s.url}: tệp nặng 600.0 MiB, vượt giới hạn 512.0 MiB; tệp dvhcvn của Hà Nội chỉ khoảng 1,4 MiB: hãy kiểm tra URL, hoặc tải tệp về một thư mục rồi chạy: npm run data -- --source THƯ_MỤC / the file is 600.0 MiB, over the 512.0 MiB limit; Hà Nội's dvhcvn file is about 1.4 MiB: check the URL, or download the file into a folder and run: npm run data -- --source DIR`,
        ]);
        expect(existsSync(dirs().out)).toBe(false);
      } finally {
        await s.close();
      }
    },
    HANG_GUARD,
  );

  it(
    "stops reading an endless body as soon as it passes the limit",
    async () => {
      const s = await server(endless);
      try {
        const { code, lines } = await build(s.url, 4 * MIB);
        expect(code).toBe(2);
        expect(lines).toHaveLength(1);
        expect(lines[0]).toBe(
          `Lỗi / Error: ${s.url}: tệp vượt giới hạn 4.0 MiB (đã dừng tải ở đó); tệp dvhcvn của Hà Nội chỉ khoảng 1,4 MiB: hãy kiểm tra URL, hoặc tải tệp về một thư mục rồi chạy: npm run data -- --source THƯ_MỤC / the file is over the 4.0 MiB limit (its download was stopped there); Hà Nội's dvhcvn file is about 1.4 MiB: check the URL, or download the file into a folder and run: npm run data -- --source DIR`,
        );
        // The connection was dropped: the server stopped after what the socket buffers held.
        await expect.poll(() => s.sent.closed).toBe(1);
        expect(s.sent.bytes).toBeLessThan(64 * MIB);
        expect(existsSync(dirs().out)).toBe(false);
      } finally {
        await s.close();
      }
    },
    HANG_GUARD,
  );
});
