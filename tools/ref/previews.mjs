// Writes the answer previews ts-fsrs gives on learning and relearning
// cards (fuzz off, default weights, steps 1m 10m / 10m), after short
// histories, as tests/data/preview_vectors.txt:
//   case NAME
//   answer TIME_MS RATING        (an answer, in order)
//   preview TIME_MS D1 D2 D3 D4  (due - time for Again..Easy, ms)
import { fsrs, generatorParameters, createEmptyCard, Rating } from 'ts-fsrs';

const f = fsrs(generatorParameters({
  enable_fuzz: false, learning_steps: ['1m', '10m'], relearning_steps: ['10m'],
}));
const t0 = Date.UTC(2026, 10, 23, 10, 0);
const A = Rating.Again, H = Rating.Hard, G = Rating.Good, E = Rating.Easy;

// Each case: the ratings of its history, each answered when the card is
// due (at least a minute after the answer before), then the preview.
const cases = {
  'new': [],
  'learning after Good': [G],
  'learning after Again': [A],
  'learning after Hard': [H],
  'relearning after a first lapse': [G, G, A],
  'relearning, low stability': [A, A, H, G, G, A],
  'relearning after two lapses': [G, G, A, G, A],
  'relearning step passed by a day': [G, G, A, 'late'],
};

console.log('# answer previews from ts-fsrs 5.4.2 (tools/ref/previews.mjs)');
for (const [name, history] of Object.entries(cases)) {
  let card = createEmptyCard(new Date(t0));
  let t = t0;
  console.log(`case ${name}`);
  for (const g of history) {
    if (g === 'late') {
      t += 86400000;
      continue;
    }
    console.log(`answer ${t} ${g}`);
    card = f.next(card, new Date(t), g).card;
    t = Math.max(+card.due, t + 60000);
  }
  const r = f.repeat(card, new Date(t));
  const d = [A, H, G, E].map((g) => +r[g].card.due - t);
  console.log(`preview ${t} ${d.join(' ')}`);
}
