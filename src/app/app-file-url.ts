import { LoadError } from "./load-source";

/**
 * Resolves a path from the catalogue (a layer's `source`, the rules file) against the URL it is
 * relative to, refusing a result on any origin but the app's own: the app never calls a host the
 * user did not configure, even when a catalogue slips an absolute URL (`http://…`, `//host/…`,
 * `\\host\…`, `data:`) past its schema. Failing here, before any fetch, means no request leaves.
 *
 * @param path - the path as the catalogue writes it; failures name it
 * @param base - the URL `path` is relative to (the catalogue's)
 * @param appOrigin - the origin the app was served from, e.g. "http://127.0.0.1:4173"
 * @throws LoadError with reason "outside-host" (detail: where the path leads), or "bad-path" when
 *   the path is not a URL at all
 */
export function resolveAppFile(path: string, base: URL, appOrigin: string): URL {
  let url: URL;
  try {
    url = new URL(path, base);
  } catch {
    throw new LoadError({ file: path, reason: "bad-path", detail: "" });
  }
  if (url.origin !== appOrigin) {
    // "null" is the origin of data:, blob: and file: URLs; the scheme says more
    const where = url.origin === "null" ? url.protocol : url.origin;
    throw new LoadError({ file: path, reason: "outside-host", detail: where });
  }
  return url;
}

/** The origin the app was served from: the only host it reads files from. */
export function appOrigin(): string {
  return new URL(document.baseURI).origin;
}

/**
 * Where a path the catalogue names (a layer's `source`, its `rules`) is fetched from: relative to
 * the catalogue, and never off the app's origin (`resolveAppFile` throws a `LoadError` instead).
 */
export function catalogFileUrl(path: string, catalogUrl: URL): URL {
  return resolveAppFile(path, catalogUrl, appOrigin());
}
