import { setFlagsFromString } from "node:v8";

/*
 * A check is a short-lived process, and on a fresh one its check phase is bound by V8's optimising
 * compiler catching up: `node --trace-opt` on the benchmark's 10 000 × 2 000 showed ~470 ms of
 * TurboFan work queued for a ~250 ms phase on the 2-core machine, the check running on slower
 * baseline code meanwhile. Most of that work is inlining the geometry helpers into every caller.
 * A smaller inlining budget (V8's default is 920 bytes of bytecode per function) shortens those
 * compiles: the check phase took ~20 % less at 1 000 × 200 and 10 000 × 2 000 and the same at
 * 50 000 × 5 000, where warm code dominates (npm run bench, medians of fresh runs). Imported first,
 * before any check code is optimised; it applies to the worker threads too (flags are per process).
 * A V8 without the flag only prints a warning.
 */
setFlagsFromString("--max-inlined-bytecode-size-cumulative=300");
