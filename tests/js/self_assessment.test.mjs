// Scoring a self-assessment: every statement weighs the same, the extremes are 0 % and 100 %, and ratings
// that no longer fit today's statements give no result (an earlier version).
import { test } from "node:test";
import assert from "node:assert/strict";
import { score, bandFor, progress, state } from "../../docs/assets/guidebook/self_assessment.js";

// As macros/kinds/self_assessment.py writes them: a five-answer habit and a yes/no fact, both topping out at 4.
const facts = {
  statements: { habit: [0, 1, 2, 3, 4], fact: [0, 4] },
  bands: [{ id: "low", title: "Starting", from: 0, to: 50 }, { id: "high", title: "Strong", from: 50, to: 100 }]
};
const gb = { readable: (iso) => iso.slice(0, 10), percent: (value) => value + " %" };

test("the lowest answers everywhere score 0 %, the highest 100 %", () => {
  assert.equal(score(facts, { habit: 1, fact: 1 }).percent, 0);
  assert.equal(score(facts, { habit: 5, fact: 2 }).percent, 100);
  assert.equal(score(facts, { habit: 5, fact: 2 }).band.id, "high");
});

test("a yes/no statement weighs as much as a five-answer one", () => {
  assert.equal(score(facts, { habit: 5, fact: 1 }).percent, 50);
  assert.equal(score(facts, { habit: 1, fact: 2 }).percent, 50);
});

test("each band includes its start; the last one includes 100 %", () => {
  assert.equal(bandFor(facts.bands, 49.9).id, "low");
  assert.equal(bandFor(facts.bands, 50).id, "high");
  assert.equal(bandFor(facts.bands, 100).id, "high");
});

test("ratings that do not fit today's statements give no result", () => {
  assert.equal(score(facts, { habit: 5 }), null, "a statement added since");
  assert.equal(score(facts, { habit: 6, fact: 1 }), null, "an answer the scale no longer has");
  assert.equal(score(facts, { habit: "5", fact: 1 }), null, "not a number");
});

test("progress counts a result that still fits, and says when it is from an earlier version", () => {
  const at = "2026-11-23T15:13:00.155Z";
  assert.deepEqual(progress(facts, { result: { ratings: { habit: 5, fact: 2 }, at } }, gb).line,
    ["assessment_result", { band: "Strong", percent: "100 %", date: "2026-11-23" }]);
  assert.equal(progress(facts, { result: { ratings: { habit: 5 }, at } }, gb).line[0], "assessment_earlier");
  const both = progress(facts, { result: { ratings: { habit: 5, fact: 2 }, at }, previous: { ratings: { habit: 1, fact: 1 }, at } }, gb);
  assert.deepEqual(both.previous, ["assessment_previous", { band: "Starting", percent: "0 %", date: "2026-11-23" }]);
  assert.equal(progress(facts, { result: { ratings: { habit: 5, fact: 2 }, at }, previous: { ratings: { gone: 1 }, at } }, gb).previous, null,
    "a previous result that no longer fits is left out");
  assert.equal(progress(facts, null, gb).done, 0);
});

test("the state schema names only inputs", () => {
  assert.deepEqual(Object.keys(state.properties).sort(), ["previous", "ratings", "result"]);
});
