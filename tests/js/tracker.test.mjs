// The tracker of the reader's people: dates of the chapters' waits, the views' grouping, sorting and search,
// the suggestions, logging a contact, and the schema of what it saves (docs/assets/guidebook/tracker.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  arrange, firstName, groupOf, isoDay, later, logContact, messageStep, newId, normalize, searchText, state, suggestions, tidy
} from "../../docs/assets/guidebook/tracker.js";
import { Validator } from "../../docs/assets/vendor/cfworker-json-schema-4.1.6/index.js";

// What the chapters' data says (the facts' steps), and a second set with other numbers: the suggestions must
// follow the data, so nothing in the script may know "3 days".
const STEPS = {
  follow_up: { count: 3, unit: "day", label: "Follow up" },
  nudge: { count: 1, unit: "week", label: "Nudge" },
  keep_in_touch: { count: 3, unit: "month", label: "Keep in touch" }
};
const OTHER_STEPS = {
  follow_up: { count: 5, unit: "day", label: "Write back" },
  nudge: { count: 2, unit: "week", label: "Ask again" },
  keep_in_touch: { count: 1, unit: "month", label: "Check in" }
};
const TODAY = "2030-06-10";

test("a wait of days, weeks or calendar months ends on the right day", () => {
  assert.equal(later("2030-06-10", { count: 3, unit: "day" }), "2030-06-13");
  assert.equal(later("2030-06-29", { count: 3, unit: "day" }), "2030-07-02");
  assert.equal(later("2030-12-30", { count: 1, unit: "week" }), "2031-01-06");
  assert.equal(later("2030-06-10", { count: 3, unit: "month" }), "2030-09-10");
  assert.equal(later("2030-11-15", { count: 3, unit: "month" }), "2031-02-15");
  // A calendar month from the 31st ends on the last day of a shorter month, leap years counted.
  assert.equal(later("2030-01-31", { count: 1, unit: "month" }), "2030-02-28");
  assert.equal(later("2032-01-31", { count: 1, unit: "month" }), "2032-02-29");
  assert.equal(later("2030-08-31", { count: 3, unit: "month" }), "2030-11-30");
  assert.equal(later("2030-03-30", { count: 1, unit: "day" }), "2030-03-31", "across a change of clocks");
  assert.equal(later("2030-10-26", { count: 1, unit: "week" }), "2030-11-02", "across a change of clocks");
});

test("days are written YYYY-MM-DD on the reader's clock", () => {
  assert.equal(isoDay(new Date(2030, 0, 5, 23, 59)), "2030-01-05");
  assert.equal(isoDay(new Date(2030, 11, 31, 0, 1)), "2030-12-31");
});

test("each person is in one view: overdue, due this week, later or no next step", () => {
  assert.equal(groupOf({ due: "2030-06-09" }, TODAY), "overdue");
  assert.equal(groupOf({ due: TODAY }, TODAY), "week");
  assert.equal(groupOf({ due: "2030-06-16" }, TODAY), "week", "the sixth day after today");
  assert.equal(groupOf({ due: "2030-06-17" }, TODAY), "later");
  assert.equal(groupOf({ next: "Coffee" }, TODAY), "none", "a next step without a date has no date to keep");
});

const PEOPLE = {
  a: { name: "Zoë", due: "2030-06-12", last: "2030-05-01" },
  b: { name: "Ana", due: "2030-06-12", last: "2030-06-01" },
  c: { name: "marta", due: "2030-06-01" },
  d: { name: "Ben", due: "2031-01-01", last: "2030-01-01" },
  e: { name: "Émile", last: "2030-02-02" },
  f: { name: "Dev" },
  g: { name: "Carl", last: "2029-12-12" }
};
const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true }).compare;

test("the views sort by date, ties by name; without a next step, the longest silence first", () => {
  assert.deepEqual(arrange(PEOPLE, TODAY, "date", collator), {
    overdue: ["c"], week: ["b", "a"], later: ["d"], none: ["f", "g", "e"]
  });
});

test("sorting by name or by last contact re-sorts every view", () => {
  assert.deepEqual(arrange(PEOPLE, TODAY, "name", collator).week, ["b", "a"]);
  assert.deepEqual(arrange(PEOPLE, TODAY, "name", collator).none, ["g", "f", "e"]);
  assert.deepEqual(arrange(PEOPLE, TODAY, "last", collator).week, ["a", "b"]);
  assert.deepEqual(arrange(PEOPLE, TODAY, "last", collator).none, ["f", "g", "e"]);
  assert.equal(Object.values(arrange({}, TODAY)).flat().length, 0);
});

test("search finds any text, whatever its capitals and accents", () => {
  const p = { name: "José Núñez", how: "Research meetup", notes: "Likes CHESS", promised: "the article", next: "Coffee", url: "https://example.org/in/jn" };
  const text = searchText(p);
  for (const query of ["jose", "NÚÑEZ", "meetup", "chess", "article", "coffee", "example.org"]) {
    assert.ok(text.includes(normalize(query)), query);
  }
  assert.ok(!text.includes(normalize("tea")));
});

test("someone met today gets a follow-up by the chapters' date, once, and not after that day", () => {
  assert.deepEqual(suggestions({ name: "Ana", met: TODAY }, TODAY, STEPS), [{ step: "follow_up", date: "2030-06-13" }]);
  assert.deepEqual(suggestions({ name: "Ana", met: TODAY }, TODAY, OTHER_STEPS), [{ step: "follow_up", date: "2030-06-15" }]);
  assert.deepEqual(suggestions({ name: "Ana", met: "2030-06-01" }, TODAY, STEPS), [], "the day to follow up has passed");
  assert.deepEqual(suggestions({ name: "Ana", met: TODAY, last: TODAY }, TODAY, STEPS), [], "already in touch");
  assert.deepEqual(suggestions({ name: "Ana", met: TODAY, due: "2030-06-11" }, TODAY, STEPS), [], "a next step is set");
});

test("a message without a reply gets a nudge a wait after it", () => {
  assert.deepEqual(suggestions({ name: "Ana", last: "2030-06-08", waiting: true }, TODAY, STEPS), [{ step: "nudge", date: "2030-06-15" }]);
  assert.deepEqual(suggestions({ name: "Ana", last: "2030-06-08", waiting: true }, TODAY, OTHER_STEPS), [{ step: "nudge", date: "2030-06-22" }]);
  assert.deepEqual(suggestions({ name: "Ana", last: "2030-06-08" }, TODAY, STEPS), [], "they replied, or you spoke");
});

test("a close contact gets keep in touch, calendar months after the last contact (or today)", () => {
  assert.deepEqual(suggestions({ name: "Ana", tie: "close", last: "2030-05-31" }, TODAY, STEPS), [{ step: "keep_in_touch", date: "2030-08-31" }]);
  assert.deepEqual(suggestions({ name: "Ana", tie: "close" }, TODAY, OTHER_STEPS), [{ step: "keep_in_touch", date: "2030-07-10" }]);
  assert.deepEqual(suggestions({ name: "Ana", tie: "loose", last: "2030-05-31" }, TODAY, STEPS), []);
  assert.deepEqual(suggestions({ name: "Ana", tie: "close", met: TODAY }, TODAY, STEPS).map((s) => s.step), ["follow_up", "keep_in_touch"]);
  assert.deepEqual(suggestions({ name: "Ana", tie: "close", last: "2030-06-08", waiting: true }, TODAY, STEPS).map((s) => s.step), ["nudge"],
    "waiting for a reply comes first");
});

test("logging a contact sets the last contact, says whether a reply is awaited, and ends the step it does", () => {
  const suggested = { name: "Ana", next: "Follow up", due: "2030-06-12", step: "follow_up", met: "2030-06-07" };
  assert.deepEqual(logContact(suggested, "wrote", TODAY), { name: "Ana", met: "2030-06-07", last: TODAY, waiting: true },
    "writing is the follow-up, even before its day");
  const own = { name: "Ana", next: "Coffee", due: "2030-07-01" };
  assert.deepEqual(logContact(own, "spoke", TODAY), { ...own, last: TODAY }, "a later step of the reader's own stays");
  assert.deepEqual(logContact({ ...own, due: TODAY }, "spoke", TODAY), { name: "Ana", last: TODAY }, "one due today is done");
  assert.deepEqual(logContact({ name: "Ana", last: "2030-06-01", waiting: true }, "replied", TODAY), { name: "Ana", last: TODAY });
});

test("Write the message opens the message of the step, or the one that fits now", () => {
  assert.equal(messageStep({ step: "nudge" }), "nudge");
  assert.equal(messageStep({ waiting: true, last: TODAY }), "nudge");
  assert.equal(messageStep({ met: TODAY }), "follow_up");
  assert.equal(messageStep({ met: "2030-01-01", last: "2030-01-02" }), "keep_in_touch");
  assert.equal(firstName("  Ana María Silva "), "Ana");
  assert.equal(firstName("Lee, Jordan; Jr."), "Lee");
});

const validate = (value) => new Validator(state, "2020-12", false).validate(value).valid;

test("what the tracker saves matches its schema, and a damaged entry does not", () => {
  const id = newId();
  assert.match(id, /^[a-z0-9]{2,32}$/);
  assert.notEqual(newId(), id);
  const person = tidy({ name: "Ana", how: "", tie: "close", due: "2030-06-12", next: "Coffee", waiting: false, notes: "x".repeat(200) });
  assert.deepEqual(Object.keys(person), ["name", "tie", "due", "next", "notes"], "empty fields are not saved");
  assert.ok(validate({ people: { [id]: person }, at: "2030-06-10T10:00:00.000Z" }));
  assert.ok(validate({ people: {} }));
  assert.ok(!validate({ people: { [id]: { how: "no name" } } }));
  assert.ok(!validate({ people: { [id]: { name: "Ana", due: "next Tuesday" } } }));
  assert.ok(!validate({ people: { [id]: { name: "Ana", tie: "best friends" } } }));
  assert.ok(!validate({ people: { "Not an id!": { name: "Ana" } } }));
  assert.ok(!validate({ people: { [id]: { name: "Ana", script: "<b>" } } }));
  assert.ok(!validate({ ticks: {} }));
});
