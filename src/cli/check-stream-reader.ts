/*
 * What a check worker loads, as a bundle of its own (build/cli/check-stream-reader.mjs, built
 * beside check.mjs by scripts/run-cli.mjs), only when the input has a streamed layer: the
 * streaming readers and proj4 would double the start-up of every worker. It gives the files'
 * records, their geometry readers and their closing only: the lazy collections are made in the
 * worker's bundle, whose engine knows them (a second copy of the engine's modules here would not).
 */
export { closeStreamedFiles, geometryReader, reopenLayer } from "../node/streamed-records";
