/* The progress page (macros/overview.py): every chapter's progress, added up from each kind's own
 * progress(), and export, import and "clear all" of everything this guidebook saved on this device.
 *
 * An import is checked before anything is written: the file must be this guidebook's progress format, of
 * a version this script knows, from this site; it is upgraded to today's format (core.js), and then every
 * entry must match the JSON Schema of its kind's state (each kind's module exports it as `state`), checked
 * with @cfworker/json-schema (vendored, loaded only when a file is chosen). The first bad entry is named and
 * nothing changes. */

export const needs = (guide) => ["upgrade", ...new Set([...Object.values(guide.keys), ...guide.chapters.flatMap((c) => c.parts.map((p) => p.kind))])];

// One chapter's saved progress, counting only what still exists: { done, total, complete, cells by kind },
// a kind's cell its own cell() of its parts' progress, or their lines one after another.
export function chapterProgress(chapter, gb) {
  let done = 0, total = 0;
  const results = {};
  chapter.parts.forEach((part) => {
    const kind = gb.kind(part.kind);
    if (!kind?.progress) return;
    const p = kind.progress(part, gb.read(part.key), gb);
    done += p.done; total += p.total;
    (results[part.kind] ||= []).push(p);
  });
  const cells = Object.fromEntries(Object.entries(results).map(([name, list]) =>
    [name, gb.kind(name).cell?.(list, gb, chapter) ?? list.map((p) => gb.say(...p.line)).join("; ")]));
  // Where to go on: the first part of the chapter that is not done yet, in page order.
  const next = chapter.parts.find((part) => { const p = gb.kind(part.kind)?.progress?.(part, gb.read(part.key), gb); return p && p.done < p.total; });
  return { done, total, complete: done === total, cells, next };
}

/* ---- Import: pure checks (tests/js/progress.test.mjs) ------------------------------------------ */

// The outer shape of a progress file: { entries } in today's format, or { problem: <words key>, values }.
// `saved` is { format: today's (the page's), upgrade: upgrade.js's upgrade }, handed over, not imported (core.js).
export function checkFile(file, guide, saved) {
  const key = new RegExp(guide.key);
  const entries = file?.entries;
  if (file?.format !== guide.format || !Number.isInteger(file.version) || !entries || typeof entries !== "object" || Array.isArray(entries) ||
      Object.keys(entries).some((k) => !(key.test(k) || k in guide.keys) || !entries[k] || typeof entries[k] !== "object")) {
    return { problem: "not_ours" };
  }
  if (file.version > saved.format) return { problem: "newer", values: { version: file.version } };
  if (file.site !== guide.site) return { problem: "other_site", values: { site: file.site } };
  return { entries: saved.upgrade(file.version, entries) };
}

// The first entry that does not match its kind's state schema: { key, title }, or null when all do. A key of
// a part this guidebook no longer has (its saved state is kept) must match one of the kinds' schemas.
export function firstBadEntry(entries, guide, states, validate) {
  const parts = new Map([...guide.chapters.flatMap((chapter) => chapter.parts), ...guide.tools || []].map((part) => [part.key, part]));
  for (const [key, value] of Object.entries(entries)) {
    const kind = guide.keys[key] || parts.get(key)?.kind;
    const schema = kind ? states[kind] : { anyOf: Object.values(states) };
    if (!schema || !validate(schema, value)) return { key, title: parts.get(key)?.title || key };
  }
  return null;
}

// What merging an import writes: the file wins where both have an answer; ticks are combined, and so are
// the people of Your people (by their ids: a person in both is the file's).
export function mergeEntries(here, incoming) {
  const merged = {};
  Object.entries(incoming).forEach(([key, value]) => {
    const both = here[key] && ["ticks", "people"].find((list) => here[key][list] && value[list]);
    merged[key] = both ? { ...value, [both]: { ...here[key][both], ...value[both] } } : value;
  });
  return merged;
}

/* ---- The page ------------------------------------------------------------------------------------ */

export function draw(el, guide, saved, gb) {
  let done = 0, total = 0, complete = 0;
  guide.chapters.forEach((chapter) => {
    const p = chapterProgress(chapter, gb);
    done += p.done; total += p.total; complete += p.complete ? 1 : 0;
    const row = el.querySelector(`tr[data-gb-chapter="${chapter.slug}"]`);
    if (!row) return;
    gb.all(row, "[data-gb-col]").forEach((cell) => {
      const drawn = p.cells[cell.dataset.gbCol] ?? "";
      if (typeof drawn === "string") gb.text(cell, drawn);
      else cell.replaceChildren(...drawn); // a kind's own cell: words, and a bar beside them
    });
    gb.text(row.querySelector(".gb-mark"), p.complete ? gb.say("chapter_done") : "");
  });
  gb.text(el.querySelector(".gb-overall"), gb.say("overall", { done, total, complete, chapters: guide.chapters.length }));
  keeping(el, gb);
}

// Safari, whose user agent says "Safari", as Chrome's, Edge's and Android's do too, and Chrome's, Firefox's and
// Edge's on iOS (CriOS, FxiOS, EdgiOS): those are told apart. WebKit's seven-day rule for what websites save,
// which the page's .gb-home-screen note is about, is Safari's.
export const isSafari = (userAgent) => /^((?!chrome|chromium|android|crios|fxios|edgios|edg\/).)*safari/i.test(userAgent);

// Whether the browser keeps this site's storage (core.js asks it to at the first save), and, on Safari
// outside the Home Screen, that the Home Screen keeps progress that Safari would delete after seven days.
function keeping(el, gb) {
  const say = (words) => gb.text(el.querySelector(".gb-persistence"), gb.say(words));
  if (!navigator.storage?.persisted) say("persistence_unknown");
  else navigator.storage.persisted().then((kept) => say(kept ? "persistent" : "not_persistent"), () => say("persistence_unknown"));
  const installed = navigator.standalone || matchMedia("(display-mode: standalone)").matches;
  el.querySelector(".gb-home-screen").hidden = installed || !isSafari(navigator.userAgent);
}

const pendingImports = new WeakMap();
const message = (el, gb, words) => gb.text(el.querySelector(".gb-message"), words);
const VALIDATOR = "../vendor/cfworker-json-schema-4.1.6/index.js";

async function refusal(file, guide, gb) {
  const checked = checkFile(file, guide, { format: gb.format, upgrade: gb.kind("upgrade").upgrade });
  if (checked.problem) return checked;
  const { Validator } = await import(new URL(VALIDATOR, import.meta.url).href);
  const tools = (guide.tools || []).map((tool) => tool.kind); // loaded for their schemas, only now
  await Promise.all(tools.map(gb.load));
  const states = Object.fromEntries([...needs(guide), ...tools].map((name) => [name, gb.kind(name)?.state]).filter(([, state]) => state));
  const validate = (schema, value) => new Validator(schema, "2020-12", false).validate(value).valid;
  const bad = firstBadEntry(checked.entries, guide, states, validate);
  return bad ? { problem: "bad_entry", values: { part: bad.title } } : checked;
}

export function change(el, guide, input, gb) {
  if (!input.hasAttribute("data-gb-import") || !input.files.length) return;
  input.files[0].text().then((raw) => {
    input.value = "";
    let file = null;
    try { file = JSON.parse(raw); } catch (e) { /* not JSON: refused below */ }
    return refusal(file, guide, gb);
  }).then((checked) => {
    pendingImports.set(el, checked.entries || null);
    el.querySelector(".gb-import-choice").hidden = !checked.entries;
    message(el, gb, checked.entries ? gb.say("import_ready") : gb.say(checked.problem, checked.values));
  });
}

function finishImport(el, gb, words) {
  pendingImports.delete(el);
  el.querySelector(".gb-import-choice").hidden = true;
  message(el, gb, words);
}

export const actions = {
  import(el, guide, gb) {
    const entries = pendingImports.get(el);
    if (!entries) return;
    if (el.querySelector("[name=gb-import-mode]:checked").value === "replace") gb.savedKeys().forEach((key) => gb.write(key, null));
    const here = {};
    Object.keys(entries).forEach((key) => { here[key] = gb.read(key); });
    Object.entries(mergeEntries(here, entries)).forEach(([key, value]) => gb.write(key, value));
    finishImport(el, gb, gb.say("imported", { count: Object.keys(entries).length }));
  },
  "cancel-import": (el, guide, gb) => finishImport(el, gb, gb.say("import_cancelled")),
  export(el, guide, gb) {
    const entries = {};
    gb.savedKeys().forEach((key) => { const value = gb.read(key); if (value) entries[key] = value; });
    const file = { format: guide.format, version: gb.format, site: guide.site, exported: gb.now(), entries };
    const link = gb.make("a");
    link.href = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: "application/json" }));
    link.download = guide.format + "-" + gb.now().slice(0, 10) + ".json";
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000); // once the download has started
    message(el, gb, gb.say("exported", { file: link.download }));
  },
  clear(el, guide, gb) {
    if (!window.confirm(gb.say("confirm_clear"))) return;
    gb.savedKeys().forEach((key) => gb.write(key, null));
    message(el, gb, gb.say("cleared"));
  }
};
