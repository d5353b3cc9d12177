// Calendar files of the tracker (docs/assets/guidebook/tracker_ics.js), to RFC 5545: CRLF, folding at 75
// octets without splitting a UTF-8 character, TEXT escaping, UID and DTSTAMP, all-day events with an
// exclusive end. tests/test_tracker.py parses the files the page makes with Python's icalendar as well.
import { test } from "node:test";
import assert from "node:assert/strict";
import { calendar, dayAfter, escapeText, fold, stamp } from "../../docs/assets/guidebook/tracker_ics.js";

const octets = (text) => new TextEncoder().encode(text).length;
const unfold = (text) => text.replace(/\r\n /g, "");

test("TEXT escapes backslash, semicolon, comma and line breaks", () => {
  assert.equal(escapeText("a\\b;c,d\ne\r\nf\rg"), "a\\\\b\\;c\\,d\\ne\\nf\\ng");
  assert.equal(escapeText("Follow up: Ana"), "Follow up: Ana", "a colon needs no escape in TEXT");
});

test("lines fold at 75 octets, never inside a UTF-8 character", () => {
  const line = "SUMMARY:" + "Ana 🙂 Ñúñez, ".repeat(20);
  const folded = fold(line);
  const lines = folded.split("\r\n");
  assert.ok(lines.length > 3);
  for (const part of lines) assert.ok(octets(part) <= 75, `${octets(part)} octets: ${part}`);
  assert.ok(lines.slice(1).every((part) => part.startsWith(" ")));
  assert.equal(unfold(folded), line);
  assert.ok(!folded.includes("\uFFFD"));
  assert.equal(fold("x".repeat(75)), "x".repeat(75), "75 octets fit on one line");
  assert.equal(fold("x".repeat(76)), "x".repeat(75) + "\r\n x");
  assert.equal(fold("x".repeat(74) + "é"), "x".repeat(74) + "\r\n é", "a two-octet letter goes to the next line whole");
});

test("all-day events end the next day, across months and years", () => {
  assert.equal(dayAfter("2030-06-12"), "2030-06-13");
  assert.equal(dayAfter("2030-02-28"), "2030-03-01");
  assert.equal(dayAfter("2032-02-28"), "2032-02-29");
  assert.equal(dayAfter("2030-12-31"), "2031-01-01");
  assert.equal(stamp(new Date(Date.UTC(2030, 5, 1, 9, 5, 7, 123))), "20300601T090507Z");
});

test("a calendar has one event per next step, each with UID, DTSTAMP and a whole day", () => {
  const text = calendar([
    { uid: "abc-2030-06-12@example.org", date: "2030-06-12", summary: "Follow up: Lee, Jordan; Jr.", description: "You promised: the article\n\n" + "n".repeat(200) },
    { uid: "def-2030-12-31@example.org", date: "2030-12-31", summary: "Coffee: 🙂" }
  ], { product: "-//The Guidebook//Your people//EN", stamp: new Date(Date.UTC(2030, 5, 1, 9, 0, 0)) });
  assert.ok(text.endsWith("\r\n") && !/[^\r]\n/.test(text), "CRLF only");
  const lines = unfold(text).split("\r\n").slice(0, -1);
  assert.deepEqual(lines.slice(0, 5), ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//The Guidebook//Your people//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]);
  assert.equal(lines.filter((line) => line === "BEGIN:VEVENT").length, 2);
  assert.ok(lines.includes("UID:abc-2030-06-12@example.org"));
  assert.equal(lines.filter((line) => line === "DTSTAMP:20300601T090000Z").length, 2);
  assert.ok(lines.includes("DTSTART;VALUE=DATE:20300612") && lines.includes("DTEND;VALUE=DATE:20300613"));
  assert.ok(lines.includes("DTSTART;VALUE=DATE:20301231") && lines.includes("DTEND;VALUE=DATE:20310101"));
  assert.ok(lines.includes("SUMMARY:Follow up: Lee\\, Jordan\\; Jr."));
  assert.ok(lines.includes("DESCRIPTION:You promised: the article\\n\\n" + "n".repeat(200)));
  assert.equal(lines.filter((line) => line.startsWith("DESCRIPTION")).length, 1, "no empty description");
  assert.equal(lines.at(-1), "END:VCALENDAR");
  for (const line of text.split("\r\n")) assert.ok(octets(line) <= 75);
});
