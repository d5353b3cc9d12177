/* The tracker of the reader's people (macros/kinds/tracker.py): whom to write to, and when. A tool on a page
 * of its own, never loaded by a chapter page.
 *
 * Every person lives under the part's key, { people: { <id>: person } }, saved only on this device and only
 * when the reader adds them. Every change reads the saved value again and changes one person in it, so two
 * tabs editing different people keep both changes (the core's storage layer redraws the other tab).
 * Suggestions come from the chapters' timings in the part's facts (facts.steps: count, unit and label), never
 * from numbers in this file, and each waits for the reader's click. Calendar files and spreadsheets are
 * tracker_ics.js and tracker_csv.js, loaded when a reader asks for one. */

const day = { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" };
const text = (maxLength) => ({ type: "string", maxLength });
const person = {
  type: "object",
  additionalProperties: false,
  required: ["name"],
  properties: {
    name: { type: "string", minLength: 1, maxLength: 200 },
    how: text(2000),
    talked: text(5000),
    promised: text(5000),
    tie: { enum: ["close", "loose"] },
    next: text(2000),
    due: day,
    step: { enum: ["follow_up", "nudge", "keep_in_touch"] }, // the suggestion the next step came from
    last: day,
    waiting: { type: "boolean" }, // the last contact was a message of the reader's, with no reply yet
    met: day,
    url: text(2000),
    notes: text(5000)
  }
};

export const state = {
  type: "object",
  additionalProperties: false,
  required: ["people"],
  properties: {
    people: { type: "object", propertyNames: { pattern: "^[a-z0-9]{1,32}$" }, additionalProperties: person },
    at: { type: "string", format: "date-time" }
  }
};

export const needs = () => ["tracker_style"];

/* ---- Pure logic (tests/js/tracker.test.mjs) ----------------------------------------------------- */

// Dates are calendar days on the reader's clock, written YYYY-MM-DD (they sort as text).
const pad = (n) => String(n).padStart(2, "0");
export const isoDay = (date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

// The day a wait of the chapters' data ends: { count, unit } after `iso`. Months are calendar months (31 January
// and a month is the last day of February).
export function later(iso, { count, unit }) {
  const [y, m, d] = iso.split("-").map(Number);
  if (unit === "month") return isoDay(new Date(y, m - 1 + count, Math.min(d, new Date(y, m + count, 0).getDate())));
  return isoDay(new Date(y, m - 1, d + count * (unit === "week" ? 7 : 1)));
}

export const GROUPS = ["overdue", "week", "later", "none"];

// Which view a person is in: overdue, due this week (today and the six days after), later, or no next step.
export function groupOf(p, today, weekEnd = later(today, { count: 7, unit: "day" })) {
  return !p.due ? "none" : p.due < today ? "overdue" : p.due < weekEnd ? "week" : "later";
}

// Text as the search compares it: lower case, accents dropped ("José" is found by "jose").
export const normalize = (value) => value.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
export const searchText = (p) => normalize([p.name, p.how, p.talked, p.promised, p.next, p.notes, p.url].filter(Boolean).join("\n"));

const byText = (a = "", b = "") => (a < b ? -1 : a > b ? 1 : 0);

// The views: each group's ids in order. `order` is "date" (next step's date; people with none by their last
// contact, the longest ago first), "name" or "last" (last contact, never first); ties go by name.
export function arrange(people, today, order = "date", compare = byText) {
  const groups = Object.fromEntries(GROUPS.map((name) => [name, []]));
  const weekEnd = later(today, { count: 7, unit: "day" });
  for (const id in people) groups[groupOf(people[id], today, weekEnd)].push(id);
  const name = (a, b) => compare(people[a].name, people[b].name) || byText(a, b);
  const field = (key) => (a, b) => byText(people[a][key], people[b][key]) || name(a, b);
  for (const group of GROUPS) {
    groups[group].sort(order === "name" ? name : field(order === "last" || group === "none" ? "last" : "due"));
  }
  return groups;
}

// What the chapters' advice suggests for a person without a next step, each { step, date } for one click:
// following up after meeting them (unless that day has passed), a nudge after a message with no reply, and
// keeping in touch with a close contact.
export function suggestions(p, today, steps) {
  if (p.due) return [];
  const found = [];
  if (p.met && !p.last) {
    const date = later(p.met, steps.follow_up);
    if (date >= today) found.push({ step: "follow_up", date });
  }
  if (p.waiting && p.last) found.push({ step: "nudge", date: later(p.last, steps.nudge) });
  else if (p.tie === "close") found.push({ step: "keep_in_touch", date: later(p.last || today, steps.keep_in_touch) });
  return found;
}

// The template "Write the message" opens: the one of the next step's suggestion, else what fits now.
export const messageStep = (p) => p.step || (p.waiting ? "nudge" : p.met && !p.last ? "follow_up" : "keep_in_touch");

// A contact logged today ("wrote", "spoke" or "replied") does a suggested next step (following up, a nudge,
// keeping in touch) and any next step that was due by today; a later one of the reader's own stays.
export function logContact(p, how, today) {
  const logged = { ...p, last: today, waiting: how === "wrote" };
  if (logged.step || (logged.due && logged.due <= today)) ["next", "due", "step"].forEach((key) => delete logged[key]);
  return tidy(logged);
}

// A person as saved: empty fields and false flags left out (2,000 people must fit in a small quota).
export function tidy(p) {
  const kept = {};
  for (const key in p) if (p[key] !== "" && p[key] !== false && p[key] != null) kept[key] = p[key];
  return kept;
}

// What goes into a message's "Their first name": the name's first word ("Lee, Jordan" gives "Lee").
export const firstName = (name) => name.trim().split(/[\s,;]+/)[0];

export function newId() {
  return [...crypto.getRandomValues(new Uint32Array(2))].map((n) => n.toString(36)).join("");
}

/* ---- The page ------------------------------------------------------------------------------------ */

const views = new WeakMap(); // the part -> what this page view shows of it
// The tracker's sentences come with its part (data-gb-part's words), not with every page (data-gb-words).
let words = {};
const say = (gb, id, values) => gb.sentence(words, id, values);
const formats = {};
let printing = null; // the tracker on the page, for a reader who prints the page itself

function dayText(iso, gb) {
  if (!iso) return "";
  const language = gb.words.language;
  const format = (formats[language] ||= { date: new Intl.DateTimeFormat(language, { year: "numeric", month: "long", day: "numeric" }), seen: new Map() });
  if (!format.seen.has(iso)) {
    const [y, m, d] = iso.split("-").map(Number);
    format.seen.set(iso, format.date.format(new Date(y, m - 1, d)));
  }
  return format.seen.get(iso);
}

function viewOf(el, gb) {
  let view = views.get(el);
  if (view) return view;
  view = { rows: new Map(), people: {}, order: "date", query: "", lists: {}, all: new Set(), keep: null,
           compare: new Intl.Collator(gb.words.language, { sensitivity: "base", numeric: true }).compare };
  views.set(el, view);
  // A reload may bring back what the reader had typed or chosen (the browser restores forms): go by it.
  view.query = el.querySelector("[data-gb-search]").value;
  view.order = el.querySelector("[data-gb-sort]").value;
  el.querySelector(".gb-tool").hidden = false;
  el.querySelector("[data-gb-paper]").hidden = true;
  el.querySelector(".gb-without-script").hidden = true;
  gb.all(el, "[data-gb-group]").forEach((group) => { view.lists[group.dataset.gbGroup] = group; });
  // A person's details are made when the reader opens them.
  el.addEventListener("toggle", (event) => {
    const row = view.rows.get(event.target.parentNode?.dataset?.gbPerson);
    if (row && event.target.open && row.drawn !== row.key) details(el, gb.facts(el), row, gb);
  }, true);
  if (!printing) window.addEventListener("beforeprint", () => {
    if (printing.el.isConnected && !document.getElementById("gb-print-sheet")) printSheet(printing.el, printing.gb, false);
  });
  return view;
}

export function draw(el, facts, saved, gb) {
  words = { language: gb.words.language, ...facts.words };
  const view = viewOf(el, gb);
  printing = { el, gb };
  const focused = document.activeElement;
  const place = { id: focused?.closest?.("[data-gb-person]")?.dataset.gbPerson, action: focused?.dataset?.gbAction };
  view.people = saved?.people || {};
  view.today = isoDay(new Date());
  for (const [id, row] of view.rows) {
    if (view.people[id]) continue;
    row.li?.remove();
    view.rows.delete(id);
  }
  for (const id in view.people) {
    const p = view.people[id];
    const key = JSON.stringify(p) + view.today;
    const row = view.rows.get(id) || view.rows.set(id, { id }).get(id);
    if (row.key === key) continue;
    Object.assign(row, { key, p, text: searchText(p) });
    if (!row.li) continue; // drawn when its view shows it
    summary(row, gb);
    if (row.li.firstChild.open) details(el, facts, row, gb);
  }
  view.groups = arrange(view.people, view.today, view.order, view.compare);
  show(el, view, gb);
  // The reader's place survives a redraw: a button drawn again, or moved with its person, keeps the focus.
  if (focused && !focused.isConnected && place.id) {
    const li = view.rows.get(place.id)?.li;
    (li?.querySelector(`[data-gb-action="${place.action}"]`) || li?.querySelector("summary"))?.focus();
  } else if (focused?.isConnected && document.activeElement !== focused) focused.focus();
  unsavedNote(el, gb);
}

let line = null; // one person's line, copied for each: faster than making its five elements
function lineOf(row, gb) {
  if (!row.li) {
    if (!line) {
      line = gb.make("li");
      line.appendChild(gb.make("details")).appendChild(gb.make("summary")).append(gb.make("strong"), gb.make("span"), gb.make("span"));
    }
    row.li = line.cloneNode(true);
    row.li.dataset.gbPerson = row.id;
    summary(row, gb);
  }
  return row.li;
}

// A view shows its first SHOWN people that match the search (and the one the reader just changed);
// "Show all" shows the rest. Counts come from the data, so they are always everyone's.
export const SHOWN = 100;

function show(el, view, gb) {
  const query = normalize(view.query.trim());
  const counts = {};
  let shown = 0;
  for (const group of GROUPS) {
    const matching = view.groups[group].filter((id) => !query || view.rows.get(id).text.includes(query));
    const limit = view.all.has(group) ? Infinity : SHOWN;
    const lines = matching.filter((id, index) => index < limit || id === view.keep).map((id) => lineOf(view.rows.get(id), gb));
    const section = view.lists[group];
    const list = section.querySelector(".gb-people");
    const wanted = new Set(lines);
    [...list.children].forEach((li) => wanted.has(li) || li.remove());
    if (!list.firstChild) list.append(...lines); // drawn afresh: in one go (one insertion at a time costs more)
    else {
      let cursor = list.firstChild;
      for (const li of lines) {
        if (li === cursor) cursor = cursor.nextSibling;
        else list.insertBefore(li, cursor);
      }
    }
    counts[group] = matching.length;
    shown += matching.length;
    section.hidden = !matching.length;
    section.querySelector(".gb-show-all").hidden = lines.length >= matching.length;
    gb.text(section.querySelector(".gb-group-count"), `(${new Intl.NumberFormat(gb.words.language).format(matching.length)})`);
  }
  const count = view.rows.size;
  el.querySelector(".gb-empty").hidden = count > 0;
  gb.text(el.querySelector(".gb-counts"), !count ? "" : query
    ? say(gb, "tracker_matches", { shown, count, query: view.query.trim() })
    : say(gb, "tracker_counts", { count, ...counts }));
}

function summary(row, gb) {
  const { p } = row;
  const [name, next, last] = row.li.firstChild.firstChild.children;
  name.textContent = p.name;
  next.textContent = p.due ? say(gb, "tracker_next", { step: p.next || "", date: dayText(p.due, gb) }) : say(gb, "tracker_no_step");
  last.textContent = !p.last ? say(gb, "tracker_never") : say(gb, p.waiting ? "tracker_waiting" : "tracker_last", { date: dayText(p.last, gb) });
}

const FIELDS = ["how", "talked", "promised", "tie", "next", "due", "last", "met", "url", "notes"];
const formField = (el, field) => el.querySelector(`.gb-person-form [data-gb-field="${field}"]`);
// The words of a choice's label, without its box: checkboxes and radios have them in a <span>.
const wordsOf = (label) => label.querySelector("span") || label;
const tieWords = (el, value) => wordsOf(el.querySelector(`.gb-tie [value="${value}"]`).parentNode);

// One person's details and what the reader can do with them: the page's <template>, the form's labels.
function details(el, facts, row, gb) {
  const { p } = row;
  const box = gb.make("div");
  box.setAttribute("role", "group");
  box.setAttribute("aria-label", p.name);
  box.append(el.querySelector(".gb-person-body").content.cloneNode(true));
  const list = box.querySelector(".gb-fields");
  for (const field of FIELDS.filter((name) => p[name])) {
    // The form asks "We met today"; afterwards it is the day you met.
    const label = field === "tie" ? el.querySelector(".gb-tie legend") : field === "met" ? gb.make("span", null, say(gb, "tracker_met"))
      : formField(el, field).labels[0];
    const value = gb.make("dd");
    if (field === "tie") value.append(gb.contentsOf(tieWords(el, p.tie)));
    else if (field === "url" && /^https?:\/\//i.test(p.url)) {
      const link = value.appendChild(gb.make("a", null, p.url));
      link.href = p.url;
      link.rel = "noopener noreferrer";
    } else value.textContent = ["due", "last", "met"].includes(field) ? dayText(p[field], gb) : p[field];
    list.append(gb.contentsOf(wordsOf(label), "dt"), value);
  }
  const suggested = box.querySelector(".gb-suggestions");
  const offered = suggestions(p, views.get(el).today, facts.steps);
  if (offered.length) suggested.append(gb.make("p", null, say(gb, "tracker_suggest")));
  for (const { step, date } of offered) {
    const button = suggested.appendChild(gb.make("button", null, say(gb, "tracker_step", { label: facts.steps[step].label, date: dayText(date, gb) })));
    button.type = "button";
    button.dataset.gbAction = step;
  }
  const write = box.querySelector(".gb-write");
  const message = facts.messages?.[messageStep(p)];
  // The name travels in the fragment, which the browser never sends to a server.
  if (message) write.href = message + "&" + new URLSearchParams({ [facts.blank]: firstName(p.name) });
  else write.remove();
  if (!p.waiting) box.querySelector('[data-gb-action="replied"]').remove();
  if (!p.due) box.querySelector('[data-gb-action="calendar"]').remove();
  row.li.firstChild.querySelector(":scope > div")?.remove();
  row.li.firstChild.append(box);
  row.drawn = row.key;
}

// While storage refuses the people, the tool says so where the reader works, with the way out: export.
function unsavedNote(el, gb) {
  let note = el.querySelector(".gb-unsaved");
  if (!gb.unsaved(el.dataset.gbKey)) return note?.remove();
  if (!note) {
    note = gb.make("p", "gb-unsaved");
    note.setAttribute("role", "status");
    el.querySelector(".gb-toolbar").before(note);
    note.append(say(gb, "tracker_unsaved"), " ", gb.copy(el.querySelector('[data-gb-action="export-csv"]')));
  }
}

/* ---- Changes: each reads what is saved, changes one person and writes ------------------------------ */

function update(el, gb, id, edit) {
  views.get(el).keep = id; // shown, wherever it lands, until the reader changes someone else
  const people = { ...gb.read(el.dataset.gbKey)?.people };
  const edited = edit(people[id]);
  if (edited) people[id] = tidy(edited);
  else delete people[id];
  gb.write(el.dataset.gbKey, { people, at: gb.now() });
}

function tell(el, gb, id, values, where = ".gb-status") {
  el.querySelector(".gb-undo").hidden = id !== "tracker_deleted"; // "Undo" is for the deletion just made
  gb.text(el.querySelector(where), say(gb, id, values));
}

const idOf = (button) => button.closest("[data-gb-person]")?.dataset.gbPerson;
const saved = (el, gb) => gb.read(el.dataset.gbKey)?.people || {};
const formInputs = (el) => [...el.querySelectorAll(".gb-person-form [data-gb-field]")];

function openForm(el, gb, id) {
  const dialog = el.querySelector(".gb-person-form");
  const p = (id && saved(el, gb)[id]) || {};
  dialog.dataset.gbPerson = id || "";
  for (const input of formInputs(el)) {
    if (input.type === "radio") input.checked = input.value === (p.tie || "");
    else if (input.type === "checkbox") {
      input.checked = false;
      input.parentNode.hidden = !!id; // "We met today" is for someone new
    } else input.value = p[input.dataset.gbField] || "";
  }
  const title = dialog.querySelector("h2");
  if (id) title.textContent = say(gb, "tracker_edit", { name: p.name });
  else title.replaceChildren(...gb.contentsOf(el.querySelector('[data-gb-action="add"]')).childNodes);
  dialog.showModal();
}

function download(gb, name, content, type) {
  const link = gb.make("a");
  link.href = URL.createObjectURL(new Blob([content], { type }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000); // once the download has started
}

// Everyone, in the order of the views (overdue first, no next step last), each with their id.
function everyone(el) {
  const view = views.get(el);
  const groups = arrange(view.people, view.today, "date", view.compare);
  return GROUPS.flatMap((group) => groups[group]).map((id) => ({ id, ...view.people[id] }));
}

function calendarFile(facts, gb, list) {
  return gb.load("tracker_ics").then((ics) => ics.calendar(list.map((p) => ({
    uid: `${p.id}-${p.due}@${location.hostname || "localhost"}`,
    date: p.due,
    summary: say(gb, "tracker_ics_summary", { step: p.next || "", name: p.name }),
    description: [p.promised && say(gb, "tracker_ics_promised", { promised: p.promised }), p.notes].filter(Boolean).join("\n\n")
  })), { product: `-//${facts.guide}//${facts.title}//${gb.words.language.toUpperCase()}`, stamp: new Date() }));
}

// The people and their next steps as one compact table on a sheet of its own (blank: the paper table).
function printSheet(el, gb, blank) {
  const facts = gb.facts(el);
  const sheet = gb.make("div");
  sheet.id = "gb-print-sheet";
  sheet.append(gb.make("p", "gb-sheet-site", facts.guide));
  const table = sheet.appendChild(el.querySelector("[data-gb-paper]").cloneNode(true));
  table.hidden = false;
  if (!blank) {
    table.tBodies[0].replaceChildren(...everyone(el).map((p) => {
      const row = gb.make("tr");
      [p.name, p.how, p.tie && tieWords(el, p.tie).textContent.trim(), p.promised, p.next, dayText(p.due, gb), dayText(p.last, gb)]
        .forEach((value) => row.append(gb.make("td", null, value || "")));
      return row;
    }));
    sheet.append(gb.make("p", "gb-sheet-date", say(gb, "tracker_printed", { date: dayText(isoDay(new Date()), gb) })));
  }
  document.getElementById("gb-print-sheet")?.remove();
  document.body.append(sheet);
  document.documentElement.classList.add("gb-printing");
}

const imports = new WeakMap(); // the part -> the people of the file the reader chose, until confirmed

function endImport(el) {
  imports.delete(el);
  el.querySelector(".gb-import-check").hidden = true;
}

function log(how) {
  return (el, facts, gb, button) => {
    const today = isoDay(new Date());
    let name = "";
    update(el, gb, idOf(button), (p) => {
      name = p?.name;
      return p && logContact(p, how, today);
    });
    if (name) tell(el, gb, "tracker_logged_" + how, { name });
  };
}

function suggested(step) {
  return (el, facts, gb, button) => {
    const today = isoDay(new Date());
    let set = null;
    update(el, gb, idOf(button), (p) => {
      const offered = p && suggestions(p, today, facts.steps).find((found) => found.step === step);
      if (!offered) return p;
      set = { name: p.name, step: facts.steps[step].label, date: dayText(offered.date, gb) };
      return { ...p, next: facts.steps[step].label, due: offered.date, step };
    });
    if (set) tell(el, gb, "tracker_step_set", set);
  };
}

export const actions = {
  add: (el, facts, gb) => openForm(el, gb, null),
  edit: (el, facts, gb, button) => openForm(el, gb, idOf(button)),
  "cancel-edit": (el) => el.querySelector(".gb-person-form").close(),
  save(el, facts, gb, button) {
    if (!button.form.checkValidity()) return; // the browser says what is missing, and the dialog stays open
    const dialog = el.querySelector(".gb-person-form");
    const editing = dialog.dataset.gbPerson;
    const id = editing || newId();
    const values = {};
    for (const input of formInputs(el)) {
      if (input.type === "radio") { if (input.checked) values.tie = input.value; }
      else if (input.type === "checkbox") { if (input.checked) values.met = isoDay(new Date()); }
      else values[input.dataset.gbField] = input.value.trim();
    }
    update(el, gb, id, (old) => {
      const edited = { ...old, ...values };
      if (old?.next !== values.next || old?.due !== values.due) delete edited.step; // the reader's own next step
      return edited;
    });
    tell(el, gb, editing ? "tracker_saved" : "tracker_added", { name: values.name });
    // Once the dialog has closed (and handed the focus back), the person opens, a suggestion first.
    dialog.addEventListener("close", () => {
      const row = views.get(el).rows.get(id);
      if (!row?.li) return;
      row.li.firstChild.open = true;
      details(el, facts, row, gb);
      (row.li.querySelector(".gb-suggestions button") || row.li.querySelector("summary")).focus();
    }, { once: true });
  },
  delete(el, facts, gb, button) {
    const id = idOf(button);
    const p = saved(el, gb)[id];
    if (!p || !window.confirm(say(gb, "tracker_confirm_delete", { name: p.name }))) return;
    views.get(el).deleted = { id, p };
    update(el, gb, id, () => null);
    tell(el, gb, "tracker_deleted", { name: p.name });
    el.querySelector('[data-gb-action="undo"]').focus();
  },
  "show-all"(el, facts, gb, button) {
    const view = views.get(el);
    view.all.add(button.closest("[data-gb-group]").dataset.gbGroup);
    show(el, view, gb);
  },
  undo(el, facts, gb) {
    const { id, p } = views.get(el).deleted || {};
    if (!p) return;
    views.get(el).deleted = null;
    update(el, gb, id, () => p);
    tell(el, gb, "tracker_restored", { name: p.name });
    views.get(el).rows.get(id)?.li.querySelector("summary").focus();
  },
  wrote: log("wrote"),
  spoke: log("spoke"),
  replied: log("replied"),
  follow_up: suggested("follow_up"),
  nudge: suggested("nudge"),
  keep_in_touch: suggested("keep_in_touch"),
  calendar(el, facts, gb, button) {
    const id = idOf(button);
    const p = views.get(el).people[id];
    if (!p?.due) return;
    const file = `${facts.file}-${p.due}.ics`;
    calendarFile(facts, gb, [{ id, ...p }]).then((text) => {
      download(gb, file, text, "text/calendar");
      tell(el, gb, "tracker_calendar_one", { file }, ".gb-message");
    });
  },
  "calendar-all"(el, facts, gb) {
    const today = isoDay(new Date());
    const upcoming = everyone(el).filter((p) => p.due && p.due >= today);
    if (!upcoming.length) return tell(el, gb, "tracker_calendar_none", {}, ".gb-message");
    const file = `${facts.file}-${today}.ics`;
    calendarFile(facts, gb, upcoming).then((text) => {
      download(gb, file, text, "text/calendar");
      tell(el, gb, "tracker_calendar_all", { count: upcoming.length, file }, ".gb-message");
    });
  },
  "export-csv"(el, facts, gb) {
    const file = `${facts.file}-${isoDay(new Date())}.csv`;
    gb.load("tracker_csv").then((csv) => {
      download(gb, file, csv.write(everyone(el)), "text/csv;charset=utf-8");
      tell(el, gb, "tracker_exported", { file }, ".gb-message");
    });
  },
  "import-csv"(el, facts, gb) {
    const incoming = imports.get(el);
    if (!incoming) return;
    endImport(el);
    const people = saved(el, gb);
    const { add } = gb.kind("tracker_csv").plan(people, incoming); // again: another tab may have added some
    add.forEach((p) => { people[newId()] = tidy(p); });
    gb.write(el.dataset.gbKey, { people, at: gb.now() });
    tell(el, gb, "tracker_imported", { count: add.length }, ".gb-message");
  },
  "cancel-csv"(el, facts, gb) {
    endImport(el);
    tell(el, gb, "tracker_import_cancelled", {}, ".gb-message");
  },
  print(el, facts, gb) {
    printSheet(el, gb, false);
    window.print();
  },
  "print-blank"(el, facts, gb) {
    printSheet(el, gb, true);
    window.print();
  }
};

export function input(el, facts, target, gb) {
  if (!target.hasAttribute("data-gb-search")) return;
  views.get(el).query = target.value;
  show(el, views.get(el), gb);
}

export function change(el, facts, target, gb) {
  if (target.hasAttribute("data-gb-sort")) {
    const view = views.get(el);
    view.order = target.value;
    view.groups = arrange(view.people, view.today, view.order, view.compare);
    show(el, view, gb);
  } else if (target.hasAttribute("data-gb-csv") && target.files.length) {
    const file = target.files[0];
    target.value = "";
    endImport(el);
    Promise.all([file.arrayBuffer(), gb.load("tracker_csv")]).then(([bytes, csv]) => {
      const read = csv.read(new Uint8Array(bytes));
      if (read.problem) return tell(el, gb, "tracker_csv_" + read.problem, read.values, ".gb-message");
      const { add, skip } = csv.plan(saved(el, gb), read.people);
      imports.set(el, read.people);
      el.querySelector(".gb-import-check").hidden = false;
      tell(el, gb, "tracker_import_ready", { add: add.length, skip }, ".gb-message");
    });
  }
}
