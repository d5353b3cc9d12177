/* A knowledge check (macros/kinds/knowledge_check.py). Saved: the answers, and the answers it was last
 * checked with. Verdicts show while the answers are those last checked; the score is always worked out
 * again from the answers, so a changed key never leaves a stale score behind. */

const at = { type: "string", format: "date-time" };
const answers = { type: "object", additionalProperties: { type: "array", items: { type: "string" }, uniqueItems: true } };

export const state = {
  type: "object",
  additionalProperties: false,
  properties: {
    answers,
    last: { oneOf: [{ type: "null" }, { type: "object", additionalProperties: false, required: ["answers", "at"], properties: { answers, at } }] }
  }
};

export const sameChoices = (chosen, correct) => chosen.length === correct.length && correct.every((id) => chosen.includes(id));
const chosenFor = (given, id) => (Array.isArray(given?.[id]) ? given[id] : []);

// How many questions of today's check the answers get fully right.
export const countRight = (facts, given) =>
  Object.keys(facts.questions).filter((id) => sameChoices(chosenFor(given, id), facts.questions[id])).length;

// The answers are the ones last checked (so their verdicts stand).
export function isChecked(saved) {
  const last = saved?.last?.answers;
  if (!last) return false;
  const ids = new Set([...Object.keys(last), ...Object.keys(saved.answers || {})]);
  return [...ids].every((id) => sameChoices(chosenFor(saved.answers, id), chosenFor(last, id)));
}

export function progress(facts, saved, gb) {
  const last = saved?.last;
  const total = Object.keys(facts.questions).length;
  return last?.at
    ? { done: 1, total: 1, line: ["check_result", { score: countRight(facts, last.answers), total, date: gb.readable(last.at) }] }
    : { done: 0, total: 1, line: ["not_taken", {}] };
}

export function draw(el, facts, saved, gb) {
  const given = saved?.answers || {};
  const checked = isChecked(saved);
  gb.all(el, "[data-gb-question]").forEach((question) => {
    const id = question.dataset.gbQuestion;
    const chosen = chosenFor(given, id);
    gb.all(question, "input").forEach((input) => { input.checked = chosen.includes(input.value); });
    verdict(question, facts.questions[id], checked ? chosen : null, gb);
  });
  const total = Object.keys(facts.questions).length;
  const last = saved?.last;
  const score = checked ? countRight(facts, given) : last?.at ? countRight(facts, last.answers) : null;
  gb.text(el.querySelector(".gb-score"), checked ? gb.say(score < total ? "score_low" : "score_all", { score, total })
    : last?.at ? gb.say("last_time", { score, total, date: gb.readable(last.at) }) : "");
}

// Writes one question's feedback for the chosen answers, or clears it (chosen = null).
function verdict(question, correct, chosen, gb) {
  const box = question.querySelector(".gb-feedback");
  box.textContent = "";
  question.classList.remove("gb-right", "gb-wrong");
  if (!chosen) return;
  const isRight = sameChoices(chosen, correct);
  const found = chosen.filter((id) => correct.includes(id)).length;
  const line = box.appendChild(gb.make("p", "gb-verdict"));
  line.append(gb.make("strong", null, gb.say(isRight ? "right" : "wrong")));
  if (!chosen.length) line.append(gb.say("no_answer"));
  else if (!isRight && question.dataset.gbType === "multiple") {
    line.append(gb.say(chosen.length > found ? "picked_extra" : "picked", { found, total: correct.length, extra: chosen.length - found }));
  }
  // A choice is the <li> of the input whose value is its id; its label holds the input and the choice's text.
  const choice = (id) => gb.all(question, "input").find((input) => input.value === id)?.closest("li");
  chosen.forEach((id) => {
    const note = choice(id)?.querySelector(".gb-choice-feedback");
    if (note) box.appendChild(gb.copy(note)).hidden = false;
  });
  if (!isRight) {
    const answer = box.appendChild(gb.make("p", null, gb.say(correct.length > 1 ? "right_answers" : "right_answer")));
    correct.forEach((id, i) => {
      const text = gb.contentsOf(choice(id)?.querySelector("label"));
      text.querySelector("input")?.remove();
      answer.append(i ? "; " : "", text);
    });
  }
  box.append(gb.copy(question.querySelector(".gb-explanation")));
  const more = question.querySelector(".gb-answer .gb-more");
  if (more) box.append(gb.copy(more));
  question.classList.add(isRight ? "gb-right" : "gb-wrong");
}

export function change(el, facts, input, gb) {
  const question = input.closest("[data-gb-question]");
  if (!question) return;
  const saved = gb.read(el.dataset.gbKey) || {};
  const given = { ...saved.answers, [question.dataset.gbQuestion]: gb.all(question, "input:checked").map((i) => i.value) };
  gb.write(el.dataset.gbKey, { answers: given, last: saved.last || null });
}

export const actions = {
  check(el, facts, gb) {
    const given = gb.read(el.dataset.gbKey)?.answers || {};
    gb.write(el.dataset.gbKey, { answers: given, last: { answers: given, at: gb.now() } });
  },
  retry(el, facts, gb) {
    gb.write(el.dataset.gbKey, { answers: {}, last: gb.read(el.dataset.gbKey)?.last || null });
    el.querySelector("[data-gb-question] input")?.focus();
  }
};
