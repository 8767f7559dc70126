import { type PreviewServer, preview } from "vite";
import type { TestProject } from "vitest/node";

let server: PreviewServer | undefined;

/**
 * Serves the built app (`vite build` output in dist/) with `vite preview` on a free loopback port, the
 * same way a user's static host would, and hands its URL to the browser tests.
 */
export async function setup(project: TestProject): Promise<void> {
  server = await preview({
    preview: { host: "127.0.0.1", port: 0, strictPort: false },
    logLevel: "error",
  });
  const address = server.httpServer.address();
  if (!address || typeof address === "string")
    throw new Error("vite preview did not bind a TCP port");
  project.provide("baseUrl", `http://127.0.0.1:${address.port}/`);
}

export async function teardown(): Promise<void> {
  await server?.close();
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
