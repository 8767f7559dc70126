import type { MiddlewareHandler } from "hono";
import { crossSite } from "./server-messages";

/*
 * The browser-facing defences of the review server: security headers on every answer, and the
 * origin check that refuses a request another site's page makes the browser send (with the
 * reviewer's cookie) before it reaches a handler.
 */

/**
 * The Content-Security-Policy: scripts only from the server's own files, never inline or `eval`
 * (WebAssembly compile allowed: the import of GeoPackages runs sql.js). Workers and map images may
 * come from `blob:` (MapLibre makes them so); `connect-src` adds the basemap's origin when the app
 * was built with one on another server. Inline styles stay allowed: MapLibre and React set them.
 */
export function contentSecurityPolicy(extraConnect: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' data: blob:${extraConnect.map((o) => ` ${o}`).join("")}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Security headers on every answer; API answers are never cached. */
export function securityHeaders(csp: string): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.res.headers.set("Content-Security-Policy", csp);
    c.res.headers.set("X-Content-Type-Options", "nosniff");
    c.res.headers.set("Referrer-Policy", "same-origin");
    c.res.headers.set("X-Frame-Options", "DENY");
    c.res.headers.set("Cross-Origin-Opener-Policy", "same-origin");
    if (c.req.path.startsWith("/api/")) c.res.headers.set("Cache-Control", "no-store");
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses a state-changing request (anything but GET/HEAD/OPTIONS) that a browser sent from another
 * origin: its `Origin` must be this server's own, and when a browser sent none its
 * `Sec-Fetch-Site` must not say cross-site. A request without either comes from no browser (the
 * command line, the load script) and carries no stolen cookie, so it passes to the login check.
 * `publicOrigin` is the address users open (`PLAN_LAYERS_ORIGIN`) when a proxy in front of the
 * server changes it (HTTPS ended at the proxy); by default the request's own.
 */
export function sameOriginOnly(publicOrigin?: string): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header("origin");
    const own = publicOrigin ?? new URL(c.req.url).origin;
    const site = c.req.header("sec-fetch-site");
    const refused =
      origin !== undefined
        ? origin !== own
        : site !== undefined && site !== "same-origin" && site !== "none";
    if (refused) return c.json({ error: crossSite }, 403);
    return next();
  };
}
