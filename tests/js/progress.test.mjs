// Saved state across formats, and the progress page's import check: format-1 files and storage keep
// loading, and a file whose entries do not match their kind's state schema is refused, naming the part.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { formatter, sentence } from "../../docs/assets/guidebook/core.js";
import { upgrade, upgradeEntry } from "../../docs/assets/guidebook/upgrade.js";
import { checkFile, firstBadEntry, isSafari, mergeEntries } from "../../docs/assets/guidebook/progress.js";
import * as checklist from "../../docs/assets/guidebook/checklist.js";
import * as knowledgeCheck from "../../docs/assets/guidebook/knowledge_check.js";
import * as selfAssessment from "../../docs/assets/guidebook/self_assessment.js";
import * as template from "../../docs/assets/guidebook/template.js";
import { Validator } from "../../docs/assets/vendor/cfworker-json-schema-4.1.6/index.js";

const FORMAT = 2; // macros/overview.py's STORAGE_FORMAT, which pages hand to the script
const fixture = (name) => JSON.parse(readFileSync(new URL(`../saved_state/${name}`, import.meta.url), "utf-8"));
const SITE = "http://127.0.0.1:8000/one/";
// The _base fixture's guide facts, as macros/overview.py writes them (the parts' facts trimmed to what matters).
const guide = {
  site: SITE,
  format: "networking-guidebook-progress",
  key: "^(?:[a-z0-9]+(-[a-z0-9]+)*)/(?:[a-z0-9]+(-[a-z0-9]+)*)$",
  keys: { "reader/details": "template" },
  chapters: [{ slug: "demo", title: "Demo chapter", parts: [
    { kind: "checklist", key: "demo/first-steps", title: "First steps" },
    { kind: "knowledge_check", key: "demo/quiz", title: "Demo quiz" },
    { kind: "self_assessment", key: "demo/where-you-stand", title: "Where you stand" }
  ] }]
};
const states = { checklist: checklist.state, knowledge_check: knowledgeCheck.state, self_assessment: selfAssessment.state, template: template.state };
const validate = (schema, value) => new Validator(schema, "2020-12", false).validate(value).valid;
const saved = { format: FORMAT, upgrade };
const format1File = () => ({ ...fixture("format-1-export.json"), site: SITE });

test("format 1 becomes format 2: inputs kept, derived totals and bands dropped", () => {
  const entries = upgrade(1, format1File().entries);
  assert.deepEqual(entries["demo/first-steps"].ticks, { "write-goal": "92f6d7ed", "say-hello": "9a9a9a71" });
  assert.deepEqual(entries["demo/quiz"], {
    answers: { "single-one": ["goal"], "multi-one": ["conference", "nap"], "true-false": ["false"] },
    last: { answers: { "single-one": ["goal"], "multi-one": ["conference", "nap"], "true-false": ["false"] }, at: "2026-11-23T15:12:59.703Z" }
  });
  assert.deepEqual(entries["demo/where-you-stand"].result, { ratings: { "know-goal": 5, "attend-events": 4 }, at: "2026-11-23T15:13:00.155Z" });
  assert.deepEqual(entries["demo/where-you-stand"].previous, { ratings: { "know-goal": 2, "attend-events": 1 }, at: "2026-11-23T15:12:59.905Z" });
  for (const [key, value] of Object.entries(entries)) {
    const kind = guide.chapters[0].parts.find((part) => part.key === key).kind;
    assert.ok(validate(states[kind], value), `${key} matches its schema once upgraded`);
  }
});

test("format-1 localStorage values upgrade the same way, one by one", () => {
  const stored = fixture("format-1-localStorage.json");
  const file = format1File();
  for (const [name, raw] of Object.entries(stored)) {
    const key = name.replace("gb:v1:/one/:", "");
    assert.deepEqual(upgradeEntry(1, JSON.parse(raw)), upgrade(1, file.entries)[key]);
  }
});

test("an upgraded entry upgrades to itself", () => {
  const entries = upgrade(1, format1File().entries);
  assert.deepEqual(upgrade(FORMAT, entries), entries);
});

test("a good file of either format is accepted", () => {
  const one = checkFile(format1File(), guide, saved);
  assert.ok(one.entries, JSON.stringify(one));
  assert.equal(firstBadEntry(one.entries, guide, states, validate), null);
  const two = checkFile({ ...format1File(), version: 2, entries: one.entries }, guide, saved);
  assert.deepEqual(two.entries, one.entries);
});

test("the outer shape is refused when it is not this guidebook's", () => {
  const good = format1File();
  assert.equal(checkFile(null, guide, saved).problem, "not_ours");
  assert.equal(checkFile({ ...good, format: "other-progress" }, guide, saved).problem, "not_ours");
  assert.equal(checkFile({ ...good, entries: [] }, guide, saved).problem, "not_ours");
  assert.equal(checkFile({ ...good, entries: { "net_basics/first-steps": {} } }, guide, saved).problem, "not_ours");
  assert.equal(checkFile({ ...good, entries: { "demo/-first": {} } }, guide, saved).problem, "not_ours");
  assert.equal(checkFile({ ...good, version: FORMAT + 1 }, guide, saved).problem, "newer");
  assert.equal(checkFile({ ...good, site: "https://example.org/other/" }, guide, saved).problem, "other_site");
});

// Files a careful reader might make by editing an export by hand.
const hostile = {
  "ticks that are not a mapping": ["demo/first-steps", { ticks: "all" }, "First steps"],
  "a tick that is not an item's hash": ["demo/first-steps", { ticks: { "write-goal": true } }, "First steps"],
  "answers that are not lists": ["demo/quiz", { answers: { "single-one": "goal" }, last: null }, "Demo quiz"],
  "a last check without a date": ["demo/quiz", { answers: {}, last: { answers: {} } }, "Demo quiz"],
  "ratings that are not numbers": ["demo/where-you-stand", { ratings: { "know-goal": "five" } }, "Where you stand"],
  "a rating below the scale": ["demo/where-you-stand", { ratings: { "know-goal": 0 } }, "Where you stand"],
  "details that are not text": ["reader/details", { details: { your_name: 7 } }, "reader/details"],
  "a field no kind saves": ["demo/first-steps", { ticks: {}, score: 100 }, "First steps"],
  "a removed part's entry that no kind would save": ["demo/gone", { anything: 1 }, "demo/gone"]
};
for (const [name, [key, value, title]] of Object.entries(hostile)) {
  test(`an import is refused, naming the part: ${name}`, () => {
    const file = { ...format1File(), version: FORMAT, entries: { ...upgrade(1, format1File().entries), [key]: value } };
    const checked = checkFile(file, guide, saved);
    assert.ok(checked.entries, "the outer shape passes");
    assert.deepEqual(firstBadEntry(checked.entries, guide, states, validate), { key, title });
  });
}

test("a removed part's entry that a kind would save is kept", () => {
  const entries = { "demo/gone": { ticks: { old: "12345678" } } };
  assert.equal(firstBadEntry(entries, guide, states, validate), null);
});

test("merging combines ticks and lets the file win elsewhere", () => {
  const here = { "demo/first-steps": { ticks: { a: "11111111" } }, "demo/quiz": { answers: { q: ["x"] } } };
  const incoming = { "demo/first-steps": { ticks: { b: "22222222" } }, "demo/quiz": { answers: { q: ["y"] } } };
  assert.deepEqual(mergeEntries(here, incoming), {
    "demo/first-steps": { ticks: { a: "11111111", b: "22222222" } }, "demo/quiz": { answers: { q: ["y"] } }
  });
});

test("sentences fill placeholders, format numbers and pick plurals", () => {
  const words = { language: "en", imported: { one: "Imported 1 saved part.", other: "Imported {count} saved parts." }, done: "{done} of {total} done" };
  assert.equal(sentence(words, "imported", { count: 1 }), "Imported 1 saved part.");
  assert.equal(sentence(words, "imported", { count: 1200 }), "Imported 1,200 saved parts.");
  assert.equal(sentence(words, "done", { done: 2, total: 3 }), "2 of 3 done");
  assert.equal(sentence({ language: "es", n: "{count}" }, "n", { count: 1200.5 }), "1200,5");
});

test("a count below 1,000 is written as its digits, as the macros write it, without starting Intl", () => {
  const words = { language: "ar", done: "{done} of {total} done" };
  const made = Intl.NumberFormat;
  Intl.NumberFormat = function () { throw new Error("Intl.NumberFormat was started for a count"); };
  try {
    assert.equal(sentence(words, "done", { done: 0, total: 999 }), "0 of 999 done");
  } finally {
    Intl.NumberFormat = made;
  }
  // Anything else still goes through Intl, in the page's language.
  assert.equal(sentence(words, "done", { done: 1000, total: 1200 }), `${new Intl.NumberFormat("ar").format(1000)} of ${new Intl.NumberFormat("ar").format(1200)} done`);
  assert.equal(sentence({ language: "en", n: "{count}" }, "n", { count: 2.5 }), "2.5");
  assert.equal(sentence({ language: "en", n: "{count}" }, "n", { count: -3 }), "-3");
});

test("one formatter is kept per kind, language and options, and each formats as its own", () => {
  assert.equal(formatter(Intl.NumberFormat, "en"), formatter(Intl.NumberFormat, "en"));
  assert.notEqual(formatter(Intl.NumberFormat, "en"), formatter(Intl.NumberFormat, "es"));
  assert.notEqual(formatter(Intl.NumberFormat, "en"), formatter(Intl.NumberFormat, "en", { style: "percent" }));
  assert.notEqual(formatter(Intl.NumberFormat, "en"), formatter(Intl.PluralRules, "en"));
  assert.equal(formatter(Intl.NumberFormat, "en", { style: "percent" }).format(0.5), "50%");
  assert.equal(formatter(Intl.NumberFormat, "es", { style: "percent" }).format(0.5), "50\u00a0%");
  assert.equal(formatter(Intl.PluralRules, "en").select(1), "one");
});

test("merging an import keeps the people of Your people from both sides, the file's where both have one", () => {
  const here = { "c/your-people": { people: { a: { name: "Ana" }, b: { name: "Ben" } } } };
  const file = { "c/your-people": { people: { b: { name: "Ben Ode" }, c: { name: "Carla" } }, at: "2030-06-10T10:00:00.000Z" } };
  assert.deepEqual(mergeEntries(here, file)["c/your-people"],
    { people: { a: { name: "Ana" }, b: { name: "Ben Ode" }, c: { name: "Carla" } }, at: "2030-06-10T10:00:00.000Z" });
});

test("a tool's entry is checked against its own schema, and named by its title", async () => {
  const tracker = await import("../../docs/assets/guidebook/tracker.js");
  const withTool = { ...guide, tools: [{ kind: "tracker", key: "demo/your-people", title: "Your people" }] };
  const all = { ...states, tracker: tracker.state };
  assert.equal(firstBadEntry({ "demo/your-people": { people: { a1: { name: "Ana", tie: "close" } } } }, withTool, all, validate), null);
  assert.deepEqual(firstBadEntry({ "demo/your-people": { people: { a1: { tie: "close" } } } }, withTool, all, validate),
    { key: "demo/your-people", title: "Your people" });
});

// Who is told that the Home Screen keeps progress (WebKit's seven-day rule is Safari's).
test("isSafari: Safari on iPhone, iPad and Mac; not Chrome, Edge, Firefox or Android, on iOS either", () => {
  const safari = [
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
  ];
  const others = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/132.0 Mobile/15E148 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 EdgiOS/131.0 Mobile/15E148 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
  ];
  safari.forEach((agent) => assert.equal(isSafari(agent), true, agent));
  others.forEach((agent) => assert.equal(isSafari(agent), false, agent));
});
