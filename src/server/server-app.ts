import { serve } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import type { Database } from "./db/database";
import { reviewApi } from "./review-api";
import { contentSecurityPolicy, sameOriginOnly, securityHeaders } from "./security";
import { internalError } from "./server-messages";

export type ServerAppOptions = {
  db: Database;
  /** The built app (`dist/`); when null only the API and the sign-in page are served. */
  distDir: string | null;
  /** The address users open when a proxy changes it (see `sameOriginOnly`). */
  publicOrigin?: string;
  /** Origins the app may fetch from besides its own (a basemap on another server). */
  connectOrigins?: readonly string[];
  now?: () => number;
};

/**
 * The whole server as one Hono app: security headers and the origin check on everything, the API
 * under /api, the sign-in page, and the built app. The review database's folder is never served,
 * even when a build copied `data/` with it.
 */
export function serverApp(options: ServerAppOptions): Hono {
  const app = new Hono();
  const secure = options.publicOrigin?.startsWith("https:") ?? false;
  app.use("*", securityHeaders(contentSecurityPolicy(options.connectOrigins)));
  app.use("*", sameOriginOnly(options.publicOrigin));
  const { api, pages } = reviewApi({
    db: options.db,
    secureCookies: secure,
    now: options.now,
    clientAddress: (c) => {
      try {
        return getConnInfo(c).remote.address ?? "unknown";
      } catch {
        return "unknown"; // not a Node socket (tests calling app.request)
      }
    },
  });
  app.route("/api", api);
  app.route("/", pages);
  if (options.distDir) {
    app.use("/data/reviews/*", async (c) => c.notFound());
    app.use("*", serveStatic({ root: options.distDir }));
  }
  app.onError((error, c) => {
    console.error(error);
    return c.json({ error: internalError }, 500);
  });
  return app;
}

/** Starts the HTTP server; resolves with its port once it listens. */
export function listen(
  app: Hono,
  port: number,
  hostname: string,
): Promise<{ port: number; close(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info) =>
      resolve({
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // keep-alive sockets (the app's polling) would hold close() open
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      }),
    );
    server.on("error", reject);
  });
}
