/* The guidebook's behaviour: saving, scoring and progress on top of HTML that works without it.
 *
 * This is the core: the storage layer and the wiring, started by the entry (main.js, loaded as a module on
 * every page). Each kind of part is a module of its own beside it, named like the kind (checklist.js for
 * data-gb-kind="checklist"), loaded only on pages that have one, and exporting draw, change, actions,
 * progress and the JSON Schema of its state (see checklist.js). The published site has the entry bundled
 * with the core and the kinds every chapter has (macros/finish.py); the sources stay one module each. The page facts (data-gb-* attributes, listed in macros/kinds/base.py) are the
 * whole contract with the macros; the script never reads visible text back out of the page.
 *
 * Saved state lives under "<prefix><chapter>/<part id>", the prefix from the page ("gb:v2:<base path>:"):
 * the base path keeps two guidebooks on one github.io origin apart, v2 the format. What an earlier format
 * saved is read through upgrade.js (loaded only where there is some) until the part is written again; the
 * fixtures in tests/saved_state/ must keep loading. Keys use the authors' ids, never positions, so edits to the content move nobody's ticks.
 *
 * Modules are imported with this file's own ?v= query, so a page never mixes files of two builds. Material's
 * instant navigation swaps the content without reloading this file: set-up runs per page view (document$),
 * idempotently, and listeners sit once on `document` (event delegation).
 */

/* ---- Pure logic (tests/js/ runs it under Node) --------------------------------------------------- */

// One Intl formatter of each kind per language and options, made the first time it is needed.
const formatters = new Map();
export function formatter(Kind, language, options = {}) {
  const key = `${Kind.name} ${language} ${JSON.stringify(options)}`;
  if (!formatters.has(key)) formatters.set(key, new Kind(language, options));
  return formatters.get(key);
}

// A sentence of the page's words: named placeholders, numbers formatted for the language, plurals by
// Intl.PluralRules.
export function sentence(words, id, values = {}) {
  let template = words[id] ?? "";
  if (typeof template === "object") template = template[formatter(Intl.PluralRules, words.language).select(values.count)] ?? template.other;
  // A whole number below 1,000 is written as its digits, as the macros write every number into the page
  // (Python's str): so a count reads the same drawn by the script as it does without it, and a chapter page
  // that formats only counts never starts Intl, whose first formatter costs about 20 ms of the main thread
  // (Chromium, unthrottled; four times that on Lighthouse's phone) in the middle of drawing the parts.
  const number = (value) => (Number.isInteger(value) && value >= 0 && value < 1000 ? String(value)
    : formatter(Intl.NumberFormat, words.language).format(value));
  return template.replace(/\{(\w+)\}/g, (_, name) => (typeof values[name] === "number" ? number(values[name]) : values[name]));
}

/* ---- Saved state ------------------------------------------------------------------------------- */
// Reads always go to localStorage: every project site of a GitHub user shares one origin and one quota, so
// a neighbour can fill it, and a failed write must never hide what is saved. A write that fails keeps its
// value in `unsaved` (which reads see first) and is tried again with every later change.

let storage = null;
let where = { prefix: "gb:", earlier: {} }; // data-gb-storage of the page
const unsaved = new Map(); // key -> JSON text, or null for a removal, not yet in localStorage
let words = {};

const parse = (raw) => {
  try {
    const value = JSON.parse(raw);
    return value && typeof value === "object" && !Array.isArray(value) ? value : null;
  } catch (e) {
    return null; // missing, corrupt or unreadable: start afresh rather than break the page
  }
};
const earlier = () => Object.entries(where.earlier).map(([version, prefix]) => [Number(version), prefix]).sort((a, b) => b[0] - a[0]);
const storedRaw = (name) => { try { return storage.getItem(name); } catch (e) { return null; } };
let upgradeEntry = null; // upgrade.js's, once a page has found state of an earlier format

function read(key) {
  if (unsaved.has(key)) return parse(unsaved.get(key));
  const value = parse(storedRaw(where.prefix + key));
  if (value) return value;
  for (const [version, prefix] of earlier()) {
    const old = parse(storedRaw(prefix + key));
    if (old && upgradeEntry) return upgradeEntry(version, old);
  }
  return null;
}

function flush() {
  for (const [key, raw] of unsaved) {
    try {
      if (raw === null) storage.removeItem(where.prefix + key);
      else storage.setItem(where.prefix + key, raw);
      earlier().forEach(([, prefix]) => storage.removeItem(prefix + key)); // now saved in today's format
    } catch (e) {
      return;
    }
    unsaved.delete(key);
  }
}

let persisting = null; // navigator.storage.persist(), asked once a visit

// Saves (or, with null, removes) one part's state, then redraws whatever the page shows of it. The first
// save asks the browser to keep this site's storage rather than clear it when space runs short (the
// progress page says whether it does).
function write(key, value) {
  if (value !== null) persisting ||= navigator.storage?.persist?.().catch(() => false) || 1;
  unsaved.delete(key); // re-inserted last, so the newest change is tried last
  unsaved.set(key, value === null ? null : JSON.stringify(value));
  flush();
  notice();
  redraw(key);
}

function savedKeys() {
  const keys = new Set();
  const prefixes = [where.prefix, ...earlier().map(([, prefix]) => prefix)];
  try {
    for (let i = 0; i < storage.length; i++) {
      const name = storage.key(i);
      const prefix = prefixes.find((p) => name.startsWith(p));
      if (prefix) keys.add(name.slice(prefix.length));
    }
  } catch (e) { /* nothing readable: what is unsaved is all there is */ }
  unsaved.forEach((raw, key) => (raw === null ? keys.delete(key) : keys.add(key)));
  return [...keys];
}

// One polite notice above the page's first part while anything cannot be saved.
function notice() {
  const reason = !storage ? "unavailable" : unsaved.size ? "unsaved" : null;
  const first = document.querySelector(".gb[data-gb-kind]");
  let note = document.querySelector(".gb-notice");
  if (!reason || !first) return note?.remove();
  if (!note) {
    note = make("p", "gb-notice");
    note.setAttribute("role", "status");
    first.before(note);
  }
  note.textContent = say(reason);
}

/* ---- Helpers every kind uses (handed to it as `gb`) -------------------------------------------- */

const say = (id, values) => sentence(words, id, values);
const percent = (value) => formatter(Intl.NumberFormat, words.language, { style: "percent" }).format(value / 100);
const all = (root, selector) => [...root.querySelectorAll(selector)];
const now = () => new Date().toISOString();
function readable(iso) {
  const date = new Date(iso);
  return isNaN(date) ? "" : date.toLocaleDateString(words.language, { year: "numeric", month: "long", day: "numeric" });
}
function make(tag, className, content) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (content != null) el.textContent = content;
  return el;
}
const text = (el, value) => { if (el) el.textContent = value; };
// A copy of one of our own server-rendered (escaped) nodes, or of its children in a new element.
const copy = (node) => (node ? node.cloneNode(true) : document.createTextNode(""));
function contentsOf(node, tag = "span") {
  const el = make(tag);
  node?.childNodes.forEach((child) => el.append(child.cloneNode(true)));
  return el;
}

const factsCache = new WeakMap();
function facts(el) {
  if (!factsCache.has(el)) {
    try { factsCache.set(el, JSON.parse(el.dataset.gbPart || el.dataset.gbGuide)); } catch (e) { factsCache.set(el, {}); }
  }
  return factsCache.get(el);
}

const VERSION = new URL(import.meta.url).search;
const modules = new Map(); // name -> its module, once loaded
const loading = new Map(); // name -> the promise of it
function load(name) {
  if (!/^[a-z_]+$/.test(name)) return Promise.reject(new Error("not a module of ours: " + name));
  if (!loading.has(name)) {
    loading.set(name, import(new URL(name + ".js" + VERSION, import.meta.url).href).then((module) => {
      modules.set(name, module);
      return module;
    }));
  }
  return loading.get(name);
}

// What every module is handed. Modules never import this file: an import without this file's ?v= would be
// a second copy of it, with a storage layer of its own.
const gb = {
  read, write, savedKeys, say, sentence, percent, all, now, readable, make, text, copy, contentsOf, facts, load,
  unsaved: (key) => unsaved.has(key), // a change of it waits in memory for storage to take it
  // A part prints from a copy on a sheet of its own (print.js, loaded when a reader prints).
  printPart: (...args) => load("print").then((module) => module.printPart(gb, ...args)),
  kind: (name) => modules.get(name),
  get format() { return where.format; }, // today's format of saved state, from the page
  get words() { return words; }
};

/* ---- Wiring ------------------------------------------------------------------------------------ */

function draw(el) {
  modules.get(el.dataset.gbKind).draw(el, facts(el), el.dataset.gbKey ? read(el.dataset.gbKey) : null, gb);
}

// Redraws what the page shows of one saved key (all of it for null): the part itself, and the overviews,
// which add up every key.
function redraw(key) {
  all(document, ".gb[data-gb-ready]").forEach((el) => {
    if (key === null || !el.dataset.gbKey || el.dataset.gbKey === key) draw(el);
  });
}

function setUp() {
  const site = document.querySelector(".gb-site");
  if (site) {
    try {
      words = JSON.parse(site.dataset.gbWords);
      where = JSON.parse(site.dataset.gbStorage);
    } catch (e) { /* our own page facts: only a broken build gets here */ }
  }
  document.getElementById("gb-print-sheet")?.remove(); // left over from the page before
  // Material wraps a table in a <div> that scrolls sideways when the table is wider than a phone: a keyboard
  // reaches what is off to the side only if that region takes focus (axe: scrollable-region-focusable).
  all(document, ".md-typeset__scrollwrap:not([tabindex])").forEach((region) => {
    region.tabIndex = 0;
    region.setAttribute("role", "region");
    region.setAttribute("aria-label", say("table"));
  });
  // State an earlier version saved is read through upgrade.js, loaded only where there is some.
  const upgrading = !upgradeEntry && savedKeys().some((key) => earlier().some(([, prefix]) => storedRaw(prefix + key) !== null))
    ? load("upgrade").then((module) => { upgradeEntry = module.upgradeEntry; }) : null;
  // Each part is drawn in a task of its own. setUp runs inside Material's start-up task (document$), which is
  // long already: drawn there, a chapter's fifteen parts made it longer still, and every millisecond of a task
  // past 50 is one a reader's tap waits (Lighthouse's total blocking time: about 90 ms on chapter 1).
  const drawSoon = (el) => setTimeout(() => {
    if (!el.isConnected) return;
    el.dataset.gbReady = "1";
    draw(el);
  });
  all(document, ".gb[data-gb-kind]").forEach((el) => {
    if (el.dataset.gbLoading) return;
    el.dataset.gbLoading = "1";
    load(el.dataset.gbKind).then((module) => Promise.all([upgrading, ...(module.needs?.(facts(el)) || []).map(load)]))
      .then(() => drawSoon(el), (error) => console.error(error));
  });
  notice();
}

function partOf(node) {
  const el = node.closest?.(".gb[data-gb-ready]");
  return el && modules.get(el.dataset.gbKind) ? el : null;
}

/* ---- Offline ---------------------------------------------------------------------------------- */

// The finished site's pages name its service worker (data-gb-worker, written by macros/finish.py, which also
// writes the worker: docs/assets/guidebook/offline.js); the development server's pages name none, so that a
// worker never outlives `make serve` and serves old pages during live reload. Registered once the page has
// loaded. The worker hands over to a newer build at a real navigation (offline.js): from the moment one waits,
// or has taken over, links open whole pages instead of Material's instant navigation, which would fetch a
// page into this one, of the build this page does not run.
function offline() {
  const worker = document.documentElement.dataset.gbWorker;
  const workers = navigator.serviceWorker;
  if (!worker || !workers) return;
  let registration = null;
  let changed = false;
  workers.addEventListener("controllerchange", () => { changed = true; });
  const whole = () => changed || (registration?.waiting && workers.controller);
  addEventListener("click", (event) => whole() && event.target.closest?.("a[href]") && event.stopPropagation(), true);
  addEventListener("popstate", (event) => {
    if (whole()) { event.stopImmediatePropagation(); location.reload(); }
  }, true);
  const register = () => workers.register(new URL(worker, location.href)).then((found) => { registration = found; }, () => {});
  if (document.readyState === "complete") register();
  else addEventListener("load", register, { once: true });
}

// Wires the page up. `provided` holds modules that came bundled with this one (the finishing step bundles
// the kinds every chapter page has into the entry, macros/finish.py); any other module loads when a page
// needs it.
export function start(provided = {}) {
  Object.entries(provided).forEach(([name, module]) => {
    modules.set(name, module);
    loading.set(name, Promise.resolve(module));
  });
  try {
    storage = window.localStorage; // merely reading the property throws when cookies are blocked
    storage.getItem("gb:");
  } catch (e) {
    storage = null;
  }
  for (const type of ["change", "input"]) {
    document.addEventListener(type, (event) => {
      const el = partOf(event.target);
      if (el) modules.get(el.dataset.gbKind)[type]?.(el, facts(el), event.target, gb);
    });
  }
  document.addEventListener("click", (event) => {
    const button = event.target.closest?.("[data-gb-action]");
    const el = button && partOf(button);
    const action = el && modules.get(el.dataset.gbKind).actions?.[button.dataset.gbAction];
    if (action) action(el, facts(el), gb, button);
  });
  window.addEventListener("afterprint", () => {
    document.documentElement.classList.remove("gb-printing", "gb-print-filled", "gb-print-blank");
    document.getElementById("gb-print-sheet")?.remove();
  });
  // Another tab saved, removed or cleared something of ours: its change is newer than anything this tab
  // still holds unsaved for the same key, and everything the page shows of it is drawn again.
  window.addEventListener("storage", (event) => {
    if (event.storageArea !== storage) return;
    const prefix = event.key === null ? "" : [where.prefix, ...earlier().map(([, p]) => p)].find((p) => event.key.startsWith(p));
    if (prefix === undefined) return;
    const key = event.key === null ? null : event.key.slice(prefix.length);
    if (key === null) unsaved.clear();
    else unsaved.delete(key);
    redraw(key);
  });
  offline();
  if (window.document$?.subscribe) window.document$.subscribe(setUp);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
}

