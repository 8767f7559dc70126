import "./compile-budget";
import { workerMain } from "../node/check-worker";

/*
 * Entry of the check's worker threads, a bundle of its own (build/cli/check-worker.mjs, built
 * beside check.mjs by scripts/run-cli.mjs): a worker loads only the engine, ~0.4 MB, where the
 * command's bundle (2.5 MB: readers, PostGIS client, output) took it 0.5–1 s to compile on the
 * 2-core machine, longer than the check it came to share.
 */
await workerMain();
