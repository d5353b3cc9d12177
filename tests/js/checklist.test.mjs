import { test } from "node:test";
import assert from "node:assert/strict";
import { progress, cell } from "../../docs/assets/guidebook/checklist.js";

const facts = { items: { goal: "92f6d7ed", event: "1234abcd", hello: "9a9a9a71" } };

test("progress counts the ticks of items that still exist, whatever text they were ticked for", () => {
  const saved = { ticks: { goal: "92f6d7ed", hello: "00000000", removed: "ffffffff" } };
  assert.deepEqual(progress(facts, saved).done, 2);
  assert.deepEqual(progress(facts, saved).total, 3);
  assert.equal(progress(facts, null).done, 0);
});

test("the progress page's cell adds up the chapter's checklists", () => {
  const say = (id, values) => `${id}:${values.done}/${values.total}`;
  assert.equal(cell([{ done: 1, total: 3 }, { done: 2, total: 2 }], { say }), "progress_items:3/5");
});
