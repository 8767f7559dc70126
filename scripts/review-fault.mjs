#!/usr/bin/env node
// The fault test of the review server (issue 10): the load of scripts/review-load.mjs with the
// server killed (SIGKILL) half-way and started again on the same port. Every acknowledged write
// must be in the database afterwards, every batch whole or absent, sequence numbers without a gap.
//
//   node scripts/review-fault.mjs [--reviewers 50] [--seconds 60] [--think-ms 100]
import { parseArgs } from "node:util";
import { reviewLoad } from "./review-load.mjs";

const { values } = parseArgs({
  options: {
    reviewers: { type: "string", default: "50" },
    seconds: { type: "string", default: "60" },
    "think-ms": { type: "string", default: "100" },
  },
});
const result = await reviewLoad({
  reviewers: Number(values.reviewers),
  seconds: Number(values.seconds),
  thinkMs: Number(values["think-ms"]),
  fault: true,
});
console.log(JSON.stringify(result, null, 2));
process.exitCode = result.ok ? 0 : 1;
