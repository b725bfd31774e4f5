// Writes tests/data/fsrs_vectors.txt: random review histories scheduled by
// ts-fsrs, the reference FSRS implementation, for tests/test_fsrs.c to
// replay through src/fsrs.c.  Run by hand (see README.md), never by CI.
//
// The output is reproducible: everything random comes from one seeded
// generator, and the reference version is pinned in package.json.

import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import {
  fsrs,
  createEmptyCard,
  dateDiffInDays,
  default_w,
  CLAMP_PARAMETERS,
  Rating,
  State,
  FSRSVersion,
} from "ts-fsrs";

if (process.env.TZ !== "UTC") {
  console.error("run with TZ=UTC (npm run generate does)");
  process.exit(1);
}

// WEIGHTS=custom writes the second file: every history with its own
// in-bound weights of at most 4 decimals, as `rehearse config weights`
// takes them (an optimizer's output), from a seed of its own.
const CUSTOM = process.env.WEIGHTS === "custom";
const HISTORIES = Number(process.env.HISTORIES || (CUSTOM ? 120 : 2400));
const here = path.dirname(fileURLToPath(import.meta.url));
const out =
  process.argv[2] ||
  path.join(here, "../../tests/data", CUSTOM ? "fsrs_vectors_weights.txt" : "fsrs_vectors.txt");

// mulberry32: small, seeded, good enough to pick test cases.
let prngState = CUSTOM ? 0x3e1657a5 : 0x5eed2026;
function rand() {
  prngState = (prngState + 0x6d2b79f5) | 0;
  let t = prngState;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (a) => a[Math.floor(rand() * a.length)];
const randInt = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));

const MIN = 60e3;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

// Step lists in minutes: defaults, none, several, and day-long steps.
const LEARNING = [
  [1, 10], [1, 10], [1, 10], [], [10], [1, 10, 60], [5, 1440], [1440],
  [30, 60, 2880], [1, 10, 60, 1440, 4320], [2, 3], [15, 720],
];
const RELEARNING = [
  [10], [10], [10], [], [], [10, 60], [10, 30, 60], [1440], [10, 1440],
  [5, 10, 20, 40], [1, 2],
];
const RETENTIONS = [0.7, 0.8, 0.9, 0.9, 0.95, 0.99];
const MAX_INTERVALS = [36500, 36500, 36500, 3650, 365, 100, 30, 10];

// ts-fsrs reads steps as strings: write each one in some valid unit.
function stepString(min) {
  const forms = [`${min}m`];
  if (min % 60 === 0) forms.push(`${min / 60}h`);
  if (min % 1440 === 0) forms.push(`${min / 1440}d`);
  return pick(forms);
}

// Weights within ts-fsrs's bounds (w17 and w18 up to 2, w19 from 0.01),
// each a default scaled by 0.5 to 1.5, with 4 decimals.
function customWeights() {
  const bounds = CLAMP_PARAMETERS(2, true);
  return default_w.map((d, i) => {
    const [lo, hi] = bounds[i];
    const x = Math.min(Math.max(d * (0.5 + rand()), lo), hi);
    return Number(x.toFixed(4));
  });
}

function randomWeights() {
  if (CUSTOM) return customWeights();
  const w = [...default_w];
  if (rand() < 0.75) return w;
  for (let i = 0; i < w.length; i++) {
    w[i] = w[i] * (0.7 + 0.6 * rand());
  }
  // Now and then one weight out of bounds, to exercise the clamping.
  if (rand() < 0.3) {
    const i = randInt(0, 20);
    w[i] = rand() < 0.5 ? -1 - rand() : 50 + 100 * rand();
  }
  return w.map((x) => Number(x.toPrecision(6)));
}

function randomParams() {
  return {
    w: randomWeights(),
    request_retention: rand() < 0.8 ? pick(RETENTIONS) : Number((0.7 + 0.29 * rand()).toFixed(3)),
    maximum_interval: pick(MAX_INTERVALS),
    enable_fuzz: rand() < 0.6,
    enable_short_term: rand() < 0.85,
    learning: pick(LEARNING),
    relearning: pick(RELEARNING),
  };
}

function randomRating() {
  const r = rand();
  if (r < 0.2) return Rating.Again;
  if (r < 0.35) return Rating.Hard;
  if (r < 0.85) return Rating.Good;
  return Rating.Easy;
}

// When the next review happens, relative to the card's schedule.
function nextReviewTime(card, now) {
  const last = card.last_review ? card.last_review.getTime() : now;
  const due = card.due.getTime();
  const span = Math.max(due - last, MIN);
  const jitter = () => Math.floor(rand() * MIN); // not on whole minutes
  const r = rand();
  if (card.state === State.New) return due + randInt(0, 3 * DAY) + jitter();
  if (r < 0.12) return last + randInt(1, 90) * MIN + jitter(); // same day, soon
  if (r < 0.25) return last + Math.floor(rand() * span) + 1; // early
  if (r < 0.6) return due + randInt(0, 6 * HOUR) + jitter(); // on time
  if (r < 0.8) return due + Math.floor(rand() * 2 * span) + jitter(); // late
  if (r < 0.93) return due + Math.floor((5 + 40 * rand()) * span) + jitter(); // very late
  return due + randInt(200, 3000) * DAY + jitter(); // long lapse
}

const g17 = (x) => x.toPrecision(17);
const lines = [
  `# FSRS test vectors from ts-fsrs ${FSRSVersion}, TZ=UTC${CUSTOM ? ", WEIGHTS=custom" : ""}; see tools/fsrs-vectors/README.md`,
  "# P retention max_interval fuzz short_term w0..w20 n_learning steps.. n_relearning steps..",
  "# H created_ms  (a new card, due at creation)",
  "# R now rating elapsed_days state scheduled_days due stability difficulty reps lapses learning_step last_review",
];
let reviews = 0;

for (let h = 0; h < HISTORIES; h++) {
  const p = randomParams();
  const f = fsrs({
    w: p.w,
    request_retention: p.request_retention,
    maximum_interval: p.maximum_interval,
    enable_fuzz: p.enable_fuzz,
    enable_short_term: p.enable_short_term,
    learning_steps: p.learning.map(stepString),
    relearning_steps: p.relearning.map(stepString),
  });
  lines.push(
    [
      "P", p.request_retention, p.maximum_interval, p.enable_fuzz ? 1 : 0,
      p.enable_short_term ? 1 : 0, ...p.w.map(String),
      p.learning.length, ...p.learning, p.relearning.length, ...p.relearning,
    ].join(" "),
  );
  // Creation times from 2001 to 2033, at any millisecond.
  const created = 978307200000 + Math.floor(rand() * 32 * 365 * DAY);
  lines.push(`H ${created}`);
  let card = createEmptyCard(new Date(created));
  let now = created;
  const n = randInt(1, 24);
  for (let i = 0; i < n; i++) {
    now = nextReviewTime(card, now);
    const rating = randomRating();
    const elapsed =
      card.state !== State.New && card.last_review
        ? dateDiffInDays(card.last_review, new Date(now))
        : 0;
    const next = f.next(card, new Date(now), rating).card;
    lines.push(
      [
        "R", now, rating, elapsed, next.state, next.scheduled_days,
        next.due.getTime(), g17(next.stability), g17(next.difficulty),
        next.reps, next.lapses, next.learning_steps,
        next.last_review.getTime(),
      ].join(" "),
    );
    reviews++;
    card = next;
  }
}
lines.push(`E ${HISTORIES} ${reviews}`);
writeFileSync(out, lines.join("\n") + "\n");
console.log(`${out}: ${HISTORIES} histories, ${reviews} reviews`);
