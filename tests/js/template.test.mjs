// The message a template makes and counts, held to the same vectors as the Python side (tests/test_kinds.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { message, length } from "../../docs/assets/guidebook/template.js";

const vectors = JSON.parse(readFileSync(new URL("../vectors/messages.json", import.meta.url), "utf-8"));

for (const vector of vectors.cases) {
  test(`template message: ${vector.name}`, () => {
    const text = message(vector.paragraphs, vector.examples, vector.values);
    assert.equal(text, vector.text);
    assert.equal(length(text), vector.length);
  });
}

test("the vectors are not empty", () => assert.ok(vectors.cases.length >= 5));
