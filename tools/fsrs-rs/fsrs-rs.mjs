// fsrs-rs, the FSRS optimizer, through its npm binding: for bench/optimize.
//
//   node fsrs-rs.mjs REVIEWS.csv DAY_STARTS_AT WEIGHTS_JSON
//
// Reads a review log in the CSV of `rehearse export-reviews` (times in
// UTC: run with TZ=UTC), builds its items with convertCsvToFsrsItems,
// times computeParameters (wall clock and the process's CPU time), and scores with evaluate: fsrs-rs's fit, the
// weights given (a JSON object of name: [21 numbers]) and the defaults.
// Prints one JSON object.
import { readFileSync } from "node:fs";
import {
  computeParameters,
  convertCsvToFsrsItems,
  FSRSBinding,
} from "@open-spaced-repetition/binding";

const [csvPath, dayStartsAt, weightsJson] = process.argv.slice(2);
const data = new Uint8Array(readFileSync(csvPath));
let t0 = performance.now();
const items = convertCsvToFsrsItems(data, Number(dayStartsAt), "UTC", () => 0);
const convertSeconds = (performance.now() - t0) / 1000;
t0 = performance.now();
const cpu0 = process.cpuUsage();
const fitted = await computeParameters(items, { enableShortTerm: true, numRelearningSteps: 1 });
const fitSeconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const fitCpuSeconds = (cpu.user + cpu.system) / 1e6;
const score = (w) => {
  const e = new FSRSBinding(w).evaluate(items);
  return { log_loss: e.logLoss, rmse_bins: e.rmseBins };
};
const out = {
  items: items.length,
  convert_seconds: convertSeconds,
  fit_seconds: fitSeconds,
  fit_cpu_seconds: fitCpuSeconds,
  weights: fitted,
  fsrs_rs: score(fitted),
  defaults: score(undefined),
};
for (const [name, w] of Object.entries(JSON.parse(weightsJson || "{}"))) out[name] = score(w);
console.log(JSON.stringify(out));
