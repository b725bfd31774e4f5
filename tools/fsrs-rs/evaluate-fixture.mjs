// Writes tests/data/optimize_evaluate.txt: fsrs-rs's evaluate (through its
// npm binding) of several sets of weights on the review log
// tests/data/optimize_reviews.csv, for tests/test_optimize.c to compare
// with optimize_evaluate.  Run by hand (see README.md), never by CI.
//
//   TZ=UTC node evaluate-fixture.mjs REVIEWS.csv OUT.txt
import { readFileSync, writeFileSync } from "node:fs";
import { convertCsvToFsrsItems, FSRSBinding } from "@open-spaced-repetition/binding";

const [csvPath, out] = process.argv.slice(2);
const DAY_STARTS_AT = 4;
const items = convertCsvToFsrsItems(new Uint8Array(readFileSync(csvPath)), DAY_STARTS_AT, "UTC", () => 0);
const sets = [
  [0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542],
  [0.4, 1.8, 4.5, 15.0, 5.8, 1.1, 2.2, 0.02, 1.5, 0.25, 1.1,
    1.9, 0.1, 0.35, 1.9, 0.45, 2.3, 0.4, 0.15, 0.08, 0.25],
  [1.2, 3.1, 6.0, 20.5, 7.1, 0.6, 1.4, 0.3, 2.4, 0.05, 1.7,
    0.9, 0.2, 0.6, 2.6, 0.3, 3.5, 1.1, 0.6, 0.3, 0.5],
];
const lines = [
  `# fsrs-rs evaluate (@open-spaced-repetition/binding), day-starts-at ${DAY_STARTS_AT}, UTC, ${items.length} items`,
  "# W w0 .. w20 log_loss rmse_bins",
];
for (const w of sets) {
  const e = new FSRSBinding(w).evaluate(items);
  lines.push(["W", ...w, e.logLoss.toPrecision(9), e.rmseBins.toPrecision(9)].join(" "));
}
writeFileSync(out, lines.join("\n") + "\n");
console.log(`${out}: ${sets.length} sets of weights on ${items.length} items`);
