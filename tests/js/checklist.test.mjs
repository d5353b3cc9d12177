import { test } from "node:test";
import assert from "node:assert/strict";
import { progress } from "../../docs/assets/guidebook/checklist.js";

const facts = { items: { goal: "92f6d7ed", event: "1234abcd", hello: "9a9a9a71" } };

test("progress counts the ticks of items that still exist, whatever text they were ticked for", () => {
  const saved = { ticks: { goal: "92f6d7ed", hello: "00000000", removed: "ffffffff" } };
  assert.deepEqual(progress(facts, saved).done, 2);
  assert.deepEqual(progress(facts, saved).total, 3);
  assert.equal(progress(facts, null).done, 0);
});
