/* Calendar files (RFC 5545) of the tracker's next steps, loaded when a reader asks for one. Pure
 * (tests/js/tracker_ics.test.mjs, and tests/test_tracker.py parses every file the page makes with Python's
 * icalendar); it imports nothing.
 *
 * Each next step is an all-day event: DTSTART;VALUE=DATE on its day and an exclusive DTEND the day after,
 * with a UID that stays the same for the same step (a second download updates the event instead of
 * doubling it) and the DTSTAMP of the download. Lines end in CRLF and fold at 75 octets, never inside a
 * UTF-8 character; TEXT values escape backslash, semicolon, comma and line breaks. */

const CRLF = "\r\n";

export const escapeText = (value) => String(value).replace(/[\\;,]/g, (c) => "\\" + c).replace(/\r\n|\r|\n/g, "\\n");

const octets = (codePoint) => (codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4);

// One content line, folded: at most 75 octets a line, each continuation starting with a space.
export function fold(line) {
  let folded = "", size = 0;
  for (const char of line) {
    const length = octets(char.codePointAt(0));
    if (size + length > 75) {
      folded += CRLF + " ";
      size = 1;
    }
    folded += char;
    size += length;
  }
  return folded;
}

const basic = (iso) => iso.replace(/-/g, "");
export function dayAfter(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
// A moment in UTC, as DTSTAMP takes it: 20250601T101500Z.
export const stamp = (date) => date.toISOString().replace(/\.\d+/, "").replace(/[-:]/g, "");

// events: [{ uid, date (YYYY-MM-DD), summary, description }]; product: the PRODID; stamp: a Date.
export function calendar(events, { product, stamp: at }) {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + escapeText(product), "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
  for (const event of events) {
    lines.push("BEGIN:VEVENT", "UID:" + escapeText(event.uid), "DTSTAMP:" + stamp(at),
      "DTSTART;VALUE=DATE:" + basic(event.date), "DTEND;VALUE=DATE:" + basic(dayAfter(event.date)),
      "SUMMARY:" + escapeText(event.summary));
    if (event.description) lines.push("DESCRIPTION:" + escapeText(event.description));
    lines.push("TRANSP:TRANSPARENT", "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(fold).join(CRLF) + CRLF;
}
