/* Spreadsheets of the tracker's people (RFC 4180), loaded when a reader exports or imports one. Pure
 * (tests/js/tracker_csv.test.mjs); it imports nothing.
 *
 * Two formats are read: this page's own, which write() produces (UTF-8 with a byte order mark, so that
 * spreadsheet programs keep accents; a cell that a spreadsheet would run as a formula gets an apostrophe in
 * front, which reading takes off again), and the connections export of a professional network (First Name,
 * Last Name, URL, Email Address, Company, Position, Connected On, after a few lines of notes). A file that
 * cannot be read is refused with the line and the problem: { problem, values }, never half an import. */

// This page's own columns (the header row of its export) and the person's field each one holds.
export const COLUMNS = {
  name: "name", how_you_know_them: "how", talked_about: "talked", promised: "promised", closeness: "tie",
  next_step: "next", next_step_date: "due", last_contact: "last", met_on: "met", waiting_for_reply: "waiting",
  profile_url: "url", notes: "notes"
};
const NETWORK = ["First Name", "Last Name", "URL"]; // the columns a connections export must have
const LIMITS = { name: 200, how: 2000, next: 2000, url: 2000 }; // characters; other text up to 5,000
const DATES = ["due", "last", "met"];
const RISKY = /^[=+\-@\t\r]/; // what a spreadsheet would start a formula with
const HEADER_WITHIN = 20; // rows: a connections export has a few lines of notes before its header
const MONTHS = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

/* ---- Writing --------------------------------------------------------------------------------------- */

export function cell(value) {
  let text = value == null ? "" : String(value);
  if (RISKY.test(text)) text = "'" + text;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function write(people) {
  const fields = Object.values(COLUMNS);
  const rows = [Object.keys(COLUMNS), ...people.map((p) => fields.map((field) => (field === "waiting" ? (p.waiting ? "yes" : "") : p[field])))];
  return "\uFEFF" + rows.map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
}

/* ---- Reading --------------------------------------------------------------------------------------- */

// A cell: quoted (doubled quotes inside, line breaks allowed) or plain, then what ends it.
const CELL = /(?:"((?:[^"]|"")*)"|([^,\r\n]*))(,|\r\n|\n|\r|$)/y;
const NEWLINES = /\r\n|\r|\n/g;

// The rows of a text, each { line, cells } with the line it starts on; or { problem, values } for a quote
// that never closes.
export function rows(text) {
  const found = [];
  let cells = [], line = 1, start = 1;
  CELL.lastIndex = 0;
  while (CELL.lastIndex < text.length) {
    const [, quoted, plain, end] = CELL.exec(text);
    if (plain?.startsWith('"')) return { problem: "quote", values: { line } };
    cells.push(quoted === undefined ? plain : quoted.replace(/""/g, '"'));
    if (quoted) line += quoted.match(NEWLINES)?.length || 0;
    if (end !== ",") {
      if (cells.length > 1 || cells[0] !== "") found.push({ line: start, cells });
      cells = [];
      start = ++line;
    }
  }
  if (cells.length) found.push({ line: start, cells: [...cells, ""] }); // the text ended after a comma
  return { rows: found };
}

// The bytes as text, or the first line that is not UTF-8.
function decode(bytes) {
  const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  try {
    return { text: strict.decode(bytes) };
  } catch (e) {
    let line = 1, from = 0;
    for (let at = 0; at <= bytes.length; at++) {
      if (at === bytes.length || bytes[at] === 10) {
        try { strict.decode(bytes.subarray(from, at)); } catch (error) { return { problem: "encoding", values: { line } }; }
        line++;
        from = at + 1;
      }
    }
    return { problem: "encoding", values: { line: 1 } };
  }
}

const unguard = (text) => (/^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text);
const isDay = (text) => /^\d{4}-\d{2}-\d{2}$/.test(text) && !isNaN(new Date(text + "T00:00:00Z"));

function ownPerson(cells, at, line) {
  const p = {};
  for (const [column, field] of Object.entries(COLUMNS)) {
    const value = unguard((cells[at[column]] ?? "").trim());
    if (!value) continue;
    if (value.length > (LIMITS[field] || 5000)) return { problem: "long", values: { line, limit: LIMITS[field] || 5000 } };
    if (DATES.includes(field) && !isDay(value)) return { problem: "date", values: { line, value } };
    if (field === "tie" && !["close", "loose"].includes(value.toLowerCase())) return { problem: "tie", values: { line, value } };
    p[field] = field === "tie" ? value.toLowerCase() : field === "waiting" ? /^(yes|true|1)$/i.test(value) : value;
  }
  return p;
}

// "15 Mar 2023", as connections exports write the day of connecting (another form is left out).
function connectedOn(text) {
  const found = /^(\d{1,2})[ -]([A-Za-z]{3})[a-z]*[ -](\d{4})$/.exec(text.trim());
  const month = found && MONTHS[found[2].toLowerCase()];
  return month ? `${found[3]}-${String(month).padStart(2, "0")}-${found[1].padStart(2, "0")}` : "";
}

function networkPerson(cells, at, line) {
  const get = (column) => unguard((cells[at[column]] ?? "").trim());
  const p = {
    name: [get("First Name"), get("Last Name")].filter(Boolean).join(" "),
    url: get("URL"),
    how: [get("Position"), get("Company")].filter(Boolean).join(", "),
    met: connectedOn(get("Connected On"))
  };
  for (const field of ["name", "url", "how"]) {
    if (p[field].length > LIMITS[field]) return { problem: "long", values: { line, limit: LIMITS[field] } };
  }
  return p; // email addresses are left out: the reader has them where the export came from
}

// A file's people, as the tracker saves them (without ids), or why it cannot be read.
export function read(bytes) {
  if (!bytes.length) return { problem: "empty" };
  const decoded = decode(bytes);
  if (decoded.problem) return decoded;
  const text = decoded.text;
  if (!text.trim()) return { problem: "empty" };
  const parsed = rows(text);
  if (parsed.problem) return parsed;
  const headerAt = parsed.rows.slice(0, HEADER_WITHIN).findIndex(({ cells }) => {
    const names = cells.map((name) => name.trim());
    return names.includes("name") && names.includes("next_step_date") || NETWORK.every((name) => names.includes(name));
  });
  if (headerAt < 0) return { problem: "header", values: { line: parsed.rows[0].line } };
  const header = parsed.rows[headerAt].cells.map((name) => name.trim());
  const at = Object.fromEntries(header.map((name, index) => [name, index]));
  const person = header.includes("name") ? ownPerson : networkPerson;
  const people = [];
  for (const { line, cells } of parsed.rows.slice(headerAt + 1)) {
    if (cells.length > header.length) return { problem: "cells", values: { line, found: cells.length, expected: header.length } };
    const p = person(cells, at, line);
    if (p.problem) return p;
    if (!p.name) return { problem: "name", values: { line } };
    people.push(Object.fromEntries(Object.entries(p).filter(([, value]) => value !== "" && value !== false)));
  }
  return { people };
}

// The same person twice: the same name (whatever its capitals and accents) and the same profile link.
export const sameness = (p) =>
  p.name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim() + "\n" +
  (p.url || "").trim().toLowerCase().replace(/\/+$/, "");

// What importing `incoming` into `people` does: who is added, and how many duplicates are skipped.
export function plan(people, incoming) {
  const seen = new Set(Object.values(people).map(sameness));
  const add = [];
  for (const p of incoming) {
    const key = sameness(p);
    if (!seen.has(key)) {
      seen.add(key);
      add.push(p);
    }
  }
  return { add, skip: incoming.length - add.length };
}
