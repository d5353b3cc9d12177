/* A self-assessment (macros/kinds/self_assessment.py). Saved: the ratings (the position of each answer,
 * 1 = lowest), and those of the latest and the previous result with their dates. A result is always scored
 * again from its ratings with today's points, so an edited statement or scale never shows a stale band:
 * ratings that no longer fit say they come from an earlier version. */

const at = { type: "string", format: "date-time" };
const ratings = { type: "object", additionalProperties: { type: "integer", minimum: 1 } };
const result = { oneOf: [{ type: "null" }, { type: "object", additionalProperties: false, required: ["ratings", "at"], properties: { ratings, at } }] };

export const state = {
  type: "object",
  additionalProperties: false,
  properties: { ratings, result, previous: result }
};

// The band a share in per cent falls in: each band includes its start, the last one also 100 %.
export const bandFor = (bands, share) =>
  bands.find((band, i) => share >= band.from && (share < band.to || i === bands.length - 1)) || bands[0];

// A result from ratings, or null when the ratings do not fit today's statements (an earlier version of it).
// facts.statements holds each statement's points per answer, lowest first; every statement tops out at the
// same number of points, so each weighs the same.
export function score(facts, given) {
  const ids = Object.keys(facts.statements);
  const fits = (id) => Number.isInteger(given?.[id]) && given[id] >= 1 && given[id] <= facts.statements[id].length;
  if (!ids.every(fits)) return null;
  let total = 0, max = 0;
  ids.forEach((id) => {
    const points = facts.statements[id];
    total += points[given[id] - 1];
    max += points[points.length - 1];
  });
  return { total, max, percent: Math.round(100 * total / max), band: bandFor(facts.bands, 100 * total / max) };
}

// The latest result, and the one before it where it still fits today's statements.
export function progress(facts, saved, gb) {
  const latest = saved?.result;
  if (!latest?.at) return { done: 0, total: 1, line: ["not_taken", {}] };
  const scored = score(facts, latest.ratings);
  const said = (result, at) => ({ band: result.band.title, percent: gb.percent(result.percent), date: gb.readable(at) });
  const before = saved.previous?.at && score(facts, saved.previous.ratings);
  return scored
    ? { done: 1, total: 1, line: ["assessment_result", said(scored, latest.at)], scored,
        previous: before ? ["assessment_previous", said(before, saved.previous.at)] : null }
    : { done: 0, total: 1, line: ["assessment_earlier", { date: gb.readable(latest.at) }] };
}

// The progress page's cell: each result, with the one before it beside it.
export const cell = (results, gb) =>
  results.map((p) => [gb.say(...p.line), p.previous && gb.say(...p.previous)].filter(Boolean).join("; ")).join(" · ");

export function draw(el, facts, saved, gb) {
  const given = saved?.ratings || {};
  gb.all(el, "[data-gb-statement]").forEach((statement) => {
    gb.all(statement, "input").forEach((input) => { input.checked = String(given[statement.dataset.gbStatement]) === input.value; });
  });
  const box = el.querySelector(".gb-result");
  box.textContent = "";
  const latest = saved?.result;
  if (latest?.at) {
    const scored = score(facts, latest.ratings);
    if (!scored) box.append(gb.make("p", null, gb.say("earlier", { date: gb.readable(latest.at) })));
    else {
      const title = box.appendChild(gb.make("p", "gb-result-title"));
      title.append(gb.make("strong", null, gb.say("result", { band: scored.band.title, percent: gb.percent(scored.percent) })),
        gb.say("result_points", { total: scored.total, max: scored.max, date: gb.readable(latest.at) }));
      box.append(gb.contentsOf(el.querySelector(`[data-gb-band="${scored.band.id}"] + dd`), "div"));
      box.lastChild.className = "gb-band-advice";
      // Advice for the statements rated lowest (up to three), unless everything is at the top.
      const share = (id) => facts.statements[id][latest.ratings[id] - 1] / facts.statements[id].at(-1);
      const lowest = Object.keys(facts.statements).filter((id) => share(id) < 1).sort((a, b) => share(a) - share(b)).slice(0, 3);
      if (lowest.length) {
        box.append(gb.make("p", null, gb.say("start_with")));
        const list = box.appendChild(gb.make("ul", "gb-focus"));
        lowest.forEach((id) => {
          const statement = el.querySelector(`[data-gb-statement="${id}"]`);
          const li = list.appendChild(gb.make("li"));
          li.append(gb.contentsOf(statement.querySelector(".gb-statement-text"), "strong"));
          gb.all(statement, ".gb-advice > :not(summary)").forEach((node) => li.append(gb.copy(node)));
        });
      }
    }
  }
  const previous = saved?.previous;
  if (previous?.at) {
    const scored = score(facts, previous.ratings);
    box.append(gb.make("p", "gb-previous", scored
      ? gb.say("previous", { band: scored.band.title, percent: gb.percent(scored.percent), date: gb.readable(previous.at) })
      : gb.say("previous_earlier", { date: gb.readable(previous.at) })));
  }
}

export function change(el, facts, input, gb) {
  const statement = input.closest("[data-gb-statement]");
  if (!statement) return;
  const saved = gb.read(el.dataset.gbKey) || {};
  gb.write(el.dataset.gbKey, { ...saved, ratings: { ...saved.ratings, [statement.dataset.gbStatement]: Number(input.value) } });
}

export const actions = {
  score(el, facts, gb) {
    const saved = gb.read(el.dataset.gbKey) || {};
    const given = saved.ratings || {};
    const unrated = Object.keys(facts.statements).filter((id) => !given[id]);
    if (unrated.length) {
      el.querySelector(".gb-result").textContent = gb.say("rate_all", { left: unrated.length });
      el.querySelector(`[data-gb-statement="${unrated[0]}"] input`).focus();
      return;
    }
    gb.write(el.dataset.gbKey, { ratings: given, result: { ratings: given, at: gb.now() }, previous: saved.result || saved.previous || null });
  },
  retake(el, facts, gb) {
    const saved = gb.read(el.dataset.gbKey) || {};
    gb.write(el.dataset.gbKey, { ratings: {}, result: null, previous: saved.result || saved.previous || null });
    el.querySelector("[data-gb-statement] input")?.focus();
  },
  "print-result": (el, facts, gb) => gb.printPart(el, facts, "result_printed")
};
