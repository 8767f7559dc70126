import type { FlagEvent } from "../../core/review/index";
import type { Bilingual } from "../../core/validate/validation-issue";
import type { FlagPersistence } from "./flag-persistence";

/*
 * Flag events kept by the review server (`npm run serve`) instead of IndexedDB: the same
 * FlagPersistence, so the store's memory, queue and retries work as they do for the browser's
 * storage. A failed request keeps the events queued in the store and is retried; the store says why.
 */

/** The server could not be reached (network down, server stopped, a 5xx): the changes wait. */
export class ServerUnreachableError extends Error {
  override name = "ServerUnreachableError";
}

/** The server refused the request and said why (in both languages). */
export class ServerRefusedError extends Error {
  override name = "ServerRefusedError";
  constructor(
    readonly status: number,
    readonly text: Bilingual,
  ) {
    super(text.en);
  }
}

/** How often the app asks the server for other reviewers' changes: they show within 2 s. */
export const POLL_MS = 1000;
/** Events sent per request (the server takes at most 1000). */
const BATCH = 500;

export type ServerPersistenceOptions = {
  /** The app's address (`document.baseURI`): the API is at `api/` under it. */
  base: string;
  review: string;
  fetch?: typeof fetch;
  /** Told after every request whether the server answered (an answer refusing counts as online). */
  onConnection?: (online: boolean) => void;
  /** Timers, replaced by tests. */
  every?: (run: () => void, ms: number) => () => void;
};

const realEvery = (run: () => void, ms: number) => {
  const timer = setInterval(run, ms);
  return () => clearInterval(timer);
};

/** The server's refusal text from an error answer, or a generic one naming the status. */
async function refusal(res: Response): Promise<ServerRefusedError> {
  let text: Bilingual = {
    vi: `máy chủ thẩm định từ chối (HTTP ${res.status})`,
    en: `the review server refused (HTTP ${res.status})`,
  };
  try {
    const body = (await res.json()) as { error?: Partial<Bilingual> };
    if (typeof body.error?.vi === "string" && typeof body.error.en === "string") {
      text = { vi: body.error.vi, en: body.error.en };
    }
  } catch {
    // not JSON: the generic text
  }
  return new ServerRefusedError(res.status, text);
}

/** The review's events through the server's API (see src/server/review-api.ts). */
export function serverPersistence(options: ServerPersistenceOptions): FlagPersistence {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const every = options.every ?? realEvery;
  const events = new URL(`api/reviews/${encodeURIComponent(options.review)}/events`, options.base);
  /** The last sequence number read: each read asks only for what came after. */
  let seq = 0;

  async function call(url: URL, init?: RequestInit): Promise<Response> {
    let res: Response;
    try {
      res = await doFetch(url, { credentials: "same-origin", ...init });
    } catch (error) {
      options.onConnection?.(false);
      throw new ServerUnreachableError(error instanceof Error ? error.message : String(error));
    }
    if (res.status >= 500) {
      options.onConnection?.(false);
      throw new ServerUnreachableError(`HTTP ${res.status}`);
    }
    options.onConnection?.(true);
    if (!res.ok) throw await refusal(res);
    return res;
  }

  return {
    async load() {
      const got: FlagEvent[] = [];
      for (;;) {
        const url = new URL(events);
        url.searchParams.set("after", String(seq));
        const page = (await (await call(url)).json()) as {
          events: FlagEvent[];
          seq: number;
          more: boolean;
        };
        got.push(...page.events);
        seq = page.seq;
        if (!page.more) return got;
      }
    },
    async save(batch) {
      for (let i = 0; i < batch.length; i += BATCH) {
        await call(events, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ events: batch.slice(i, i + BATCH) }),
        });
      }
    },
    watch(changed) {
      return every(changed, POLL_MS);
    },
    close() {},
  };
}
