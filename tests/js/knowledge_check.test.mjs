// A knowledge check's score is always worked out from saved answers; verdicts show while the answers are
// the ones last checked.
import { test } from "node:test";
import assert from "node:assert/strict";
import { countRight, isChecked, progress, sameChoices } from "../../docs/assets/guidebook/knowledge_check.js";

const facts = { questions: { one: ["a"], many: ["b", "c"], tf: ["false"] } };
const gb = { readable: (iso) => iso.slice(0, 10) };

test("a question is right only with exactly its right choices", () => {
  assert.equal(countRight(facts, { one: ["a"], many: ["c", "b"], tf: ["true"] }), 2);
  assert.equal(countRight(facts, { many: ["b"] }), 0, "half of a select-all question is not right");
  assert.equal(countRight(facts, { many: ["b", "c", "a"] }), 0, "an extra choice is not right");
  assert.equal(countRight(facts, { one: "a" }), 0, "an answer that is not a list counts as none");
  assert.ok(sameChoices(["c", "b"], ["b", "c"]));
});

test("verdicts stand while the answers are those last checked", () => {
  const answers = { one: ["a"], tf: ["false"] };
  assert.ok(isChecked({ answers, last: { answers, at: "x" } }));
  assert.ok(!isChecked({ answers: { ...answers, one: ["b"] }, last: { answers, at: "x" } }), "a changed answer");
  assert.ok(!isChecked({ answers }), "never checked");
  assert.ok(!isChecked({ answers: {}, last: { answers, at: "x" } }), "cleared to try again");
});

test("progress shows the last check's score, recomputed from its answers", () => {
  const at = "2026-11-23T15:12:59.703Z";
  assert.deepEqual(progress(facts, { answers: {}, last: { answers: { one: ["a"], many: ["b", "c"] }, at } }, gb),
    { done: 1, total: 1, line: ["check_result", { score: 2, total: 3, date: "2026-11-23" }] });
  assert.deepEqual(progress(facts, {}, gb), { done: 0, total: 1, line: ["not_taken", {}] });
});
