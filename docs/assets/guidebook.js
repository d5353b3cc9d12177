/* The guidebook's behaviour: saving, scoring and progress on top of HTML that works without it.
 *
 * The macros write plain HTML plus the data-gb-* attributes listed in macros/render.py (the contract
 * between the two sides); this file never reads visible text back out of the page. Each part's state is
 * data this code owns (ticks with the hash of the text ticked, answers, results), kept in localStorage,
 * and the part is drawn from it: after every change, on every page view and on every storage event.
 *
 * Saved state lives under "gb:v1:<site base path>:<chapter>/<part id>": the base path keeps two
 * guidebooks on one github.io origin apart, v1 is the format (unchanged since the first release; the
 * compatibility fixtures in tests/saved_state/ must keep loading), and keys use the authors' ids, never
 * positions, so edits to the content do not move anyone's ticks.
 *
 * Material's instant navigation swaps the content without reloading this file: set-up runs per page
 * view (document$), idempotently, and listeners sit once on `document` (event delegation).
 */
(() => {
  "use strict";

  const FORMAT = 1;
  const EXPORT_FORMAT = "networking-guidebook-progress";
  // The script lives at <site base>/assets/guidebook.js; that base namespaces our keys.
  const BASE = new URL("..", document.currentScript?.src || location.href).pathname;
  const PREFIX = "gb:v" + FORMAT + ":" + BASE + ":";

  // Every sentence the script shows, whole, with named placeholders.
  const WORDS = {
    unavailable: "Your browser does not let this site save progress, so your answers last only until you leave. Everything else works; print a copy to keep it.",
    unsaved: "This browser did not let us save your latest changes (its storage for this site may be full). They stay on this page until you leave, and we try again with your next change; export or print them to be safe.",
    itemsDone: "{done} of {total} done",
    changed: " (changed since you ticked it)",
    confirmReset: "Remove all your ticks from “{title}”?",
    right: "✓ Correct.",
    wrong: "✗ Not quite.",
    picked: " You picked {found} of the {total} right answers.",
    pickedExtra: " You picked {found} of the {total} right answers and {extra} wrong.",
    noAnswer: " You did not choose an answer.",
    rightAnswer: "The right answer: ",
    rightAnswers: "The right answers: ",
    score: "You got {score} of {total} right.",
    scoreAll: "You got {score} of {total} right. Well done.",
    scoreLow: "You got {score} of {total} right. Read the notes under each question, then try again if you like.",
    lastTime: "Last time: {score} of {total} right ({date}).",
    rateAll: "Rate every statement first: {left} still to go.",
    result: "Your result: {band}, {percent} %",
    resultPoints: " ({total} of {max} points, {date})",
    startWith: "Start with these:",
    previous: "Previous result: {band}, {percent} % ({date}).",
    earlier: "You took an earlier version of this self-assessment on {date}. Its statements have changed since, so take it again for a result that fits them.",
    previousEarlier: "Previous result: from an earlier version of this self-assessment ({date}).",
    sheetBlank: "Name: ______________________   Date: ______________",
    ticksPrinted: "Ticks printed on {date}.",
    resultPrinted: "Result printed on {date}.",
    chapterDone: "✓ done",
    progressItems: "{done} of {total}",
    progressComplete: "{done} of {total} — chapter complete ✓",
    checkResult: "{score} of {total} right ({date})",
    assessmentResult: "{band}, {percent} % ({date})",
    assessmentEarlier: "earlier version ({date}): take it again",
    notTaken: "not taken yet",
    overall: "{done} of {total} checklist items done; {complete} of {chapters} chapters complete. Saved in this browser only.",
    notOurs: "This file is not a progress export from this guidebook, or it is damaged. Nothing was changed.",
    newer: "This file comes from a newer version of the guidebook (format {version}). Reload this page to get the newest version, then try again. Nothing was changed.",
    otherSite: "This file comes from another guidebook ({site}), so it cannot be imported here. Nothing was changed.",
    importReady: "The file is ready to import: choose merge or replace.",
    imported: "Imported {count} saved parts.",
    importCancelled: "Import cancelled. Nothing was changed.",
    exported: "Your progress was saved to {file}.",
    confirmClear: "Remove all your ticks, answers and results in this guidebook from this device? This cannot be undone.",
    cleared: "All your progress in this guidebook was removed from this device."
  };
  const say = (id, values = {}) => WORDS[id].replace(/\{(\w+)\}/g, (_, name) => values[name]);

  /* ---- Saved state ----------------------------------------------------------------------------- */
  // Reads always go to localStorage: every project site of a GitHub user shares one origin and one quota,
  // so a neighbour can fill it, and a failed write must never hide what is saved. A write that fails keeps
  // its value in `unsaved` (which reads see first) and is tried again with every later change.

  let storage = null;
  try {
    storage = window.localStorage; // merely reading the property throws when cookies are blocked
    storage.getItem(PREFIX);
  } catch (e) {
    storage = null;
  }
  const unsaved = new Map(); // key -> JSON text, or null for a removal, not yet in localStorage

  function read(key) {
    try {
      const value = JSON.parse(unsaved.has(key) ? unsaved.get(key) : storage.getItem(PREFIX + key));
      return value && typeof value === "object" && !Array.isArray(value) ? value : null;
    } catch (e) {
      return null; // missing, corrupt or unreadable: start afresh rather than break the page
    }
  }

  function flush() {
    for (const [key, raw] of unsaved) {
      try {
        if (raw === null) storage.removeItem(PREFIX + key);
        else storage.setItem(PREFIX + key, raw);
      } catch (e) {
        return;
      }
      unsaved.delete(key);
    }
  }

  // Saves (or, with null, removes) one part's state, then redraws whatever the page shows of it.
  function write(key, value) {
    unsaved.delete(key); // re-inserted last, so the newest change is tried last
    unsaved.set(key, value === null ? null : JSON.stringify(value));
    flush();
    notice();
    redraw(key);
  }

  function savedKeys() {
    const keys = new Set();
    try {
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (key.startsWith(PREFIX)) keys.add(key.slice(PREFIX.length));
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

  /* ---- Pure logic (tests call these through window.guidebook) ---------------------------------- */

  // The band a share in per cent falls in: each band includes its start, the last one also 100 %.
  const bandFor = (bands, percent) =>
    bands.find((band, i) => percent >= band.from && (percent < band.to || i === bands.length - 1)) || bands[0];

  // A self-assessment's result from ratings (an answer's position, from 1; the lowest answer scores 0
  // points), or null when the ratings do not fit today's statements (an earlier version of it).
  function scoreSelfAssessment(facts, ratings) {
    const ids = Object.keys(facts.statements);
    const fits = (id) => Number.isInteger(ratings?.[id]) && ratings[id] >= 1 && ratings[id] <= facts.statements[id] + 1;
    if (!ids.every(fits)) return null;
    let total = 0, max = 0;
    ids.forEach((id) => { total += ratings[id] - 1; max += facts.statements[id]; });
    return { total, max, percent: Math.round(100 * total / max), band: bandFor(facts.bands, 100 * total / max) };
  }

  // How many questions of a knowledge check the answers get fully right.
  const sameChoices = (chosen, correct) => chosen.length === correct.length && correct.every((id) => chosen.includes(id));
  const countRight = (facts, answers) =>
    Object.keys(facts.questions).filter((id) => sameChoices(answers?.[id] || [], facts.questions[id])).length;

  // An export file's entries in today's format: every format a reader may hold must keep importing.
  function upgrade(file) {
    if (file.version === 1) return file.entries;
    throw new Error("unknown format " + file.version);
  }

  // Checks an import against this guidebook: { entries } or { problem: <WORDS id>, values }.
  function checkImport(file, guide) {
    const id = guide.id.replace(/^\^|\$$/g, "");
    const key = new RegExp("^" + id + "/" + id + "$");
    const entries = file?.entries;
    if (file?.format !== EXPORT_FORMAT || !Number.isInteger(file.version) || !entries || typeof entries !== "object" ||
        Object.keys(entries).some((k) => !key.test(k) || !entries[k] || typeof entries[k] !== "object")) {
      return { problem: "notOurs" };
    }
    if (file.version > FORMAT) return { problem: "newer", values: { version: file.version } };
    if (file.site !== guide.site) return { problem: "otherSite", values: { site: file.site } };
    return { entries: upgrade(file) };
  }

  // What merging an import writes: the file wins where both have an answer; ticks are combined.
  function mergeEntries(here, incoming) {
    const merged = {};
    Object.entries(incoming).forEach(([key, value]) => {
      merged[key] = here[key]?.ticks && value.ticks ? { ...value, ticks: { ...here[key].ticks, ...value.ticks } } : value;
    });
    return merged;
  }

  window.guidebook = { bandFor, scoreSelfAssessment, countRight, upgrade, checkImport, mergeEntries };

  /* ---- Helpers ----------------------------------------------------------------------------------- */

  const all = (root, selector) => [...root.querySelectorAll(selector)];
  const now = () => new Date().toISOString();
  const readable = (iso) => {
    const date = new Date(iso);
    return isNaN(date) ? "" : date.toLocaleDateString(document.documentElement.lang || undefined,
      { year: "numeric", month: "long", day: "numeric" });
  };
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

  /* ---- Checklists -------------------------------------------------------------------------------- */

  const checklist = {
    draw(el, part, state) {
      const ticks = state?.ticks || {};
      all(el, "[data-gb-item]").forEach((item) => {
        const saved = ticks[item.dataset.gbItem];
        const box = item.querySelector("input");
        box.checked = typeof saved === "string";
        const label = item.querySelector("label");
        const mark = label.querySelector(".gb-changed");
        if (box.checked && saved !== part.items[item.dataset.gbItem]) mark || label.append(make("em", "gb-changed", say("changed")));
        else mark?.remove();
      });
      const total = Object.keys(part.items);
      text(el.querySelector(".gb-status"), say("itemsDone", { done: total.filter((id) => typeof ticks[id] === "string").length, total: total.length }));
    },
    change(el, part, input) {
      const id = input.closest("[data-gb-item]")?.dataset.gbItem;
      if (!id) return;
      const ticks = { ...read(el.dataset.gbKey)?.ticks };
      // A tick refers to the text as it reads today; other ticks keep the text they were given for.
      if (input.checked) ticks[id] = part.items[id];
      else delete ticks[id];
      write(el.dataset.gbKey, { ticks, at: now() });
    },
    actions: {
      reset(el, part) {
        if (window.confirm(say("confirmReset", { title: part.title }))) write(el.dataset.gbKey, null);
      },
      "print-blank": (el, part) => printPart(el, part, null),
      "print-filled": (el, part) => printPart(el, part, "ticksPrinted")
    }
  };

  /* ---- Knowledge checks -------------------------------------------------------------------------- */

  const knowledgeCheck = {
    draw(el, part, state) {
      const answers = state?.answers || {};
      all(el, "[data-gb-question]").forEach((question) => {
        const id = question.dataset.gbQuestion;
        const chosen = Array.isArray(answers[id]) ? answers[id] : [];
        all(question, "input").forEach((input) => { input.checked = chosen.includes(input.value); });
        verdict(question, part.questions[id], state?.checked ? chosen : null);
      });
      const total = Object.keys(part.questions).length;
      const score = countRight(part, answers);
      const last = state?.last;
      text(el.querySelector(".gb-score"), state?.checked ? say(score < total ? "scoreLow" : "scoreAll", { score, total })
        : last ? say("lastTime", { score: last.score, total: last.total, date: readable(last.at) }) : "");
    },
    // A changed answer invalidates the verdicts: they would describe answers the reader no longer gives.
    change(el, part, input) {
      const question = input.closest("[data-gb-question]");
      if (!question) return;
      const state = read(el.dataset.gbKey) || {};
      const answers = { ...state.answers, [question.dataset.gbQuestion]: all(question, "input:checked").map((i) => i.value) };
      write(el.dataset.gbKey, { answers, checked: false, last: state.last });
    },
    actions: {
      check(el, part) {
        const answers = read(el.dataset.gbKey)?.answers || {};
        const last = { score: countRight(part, answers), total: Object.keys(part.questions).length, at: now() };
        write(el.dataset.gbKey, { answers, checked: true, last });
      },
      retry(el) {
        write(el.dataset.gbKey, { answers: {}, checked: false, last: read(el.dataset.gbKey)?.last });
        el.querySelector("[data-gb-question] input")?.focus();
      }
    }
  };

  // Writes one question's feedback for the chosen answers, or clears it (chosen = null).
  function verdict(question, correct, chosen) {
    const box = question.querySelector(".gb-feedback");
    box.textContent = "";
    question.classList.remove("gb-right", "gb-wrong");
    if (!chosen) return;
    const isRight = sameChoices(chosen, correct);
    const found = chosen.filter((id) => correct.includes(id)).length;
    const line = box.appendChild(make("p", "gb-verdict"));
    line.append(make("strong", null, say(isRight ? "right" : "wrong")));
    if (!chosen.length) line.append(say("noAnswer"));
    else if (!isRight && question.dataset.gbType === "multiple") {
      line.append(say(chosen.length > found ? "pickedExtra" : "picked", { found, total: correct.length, extra: chosen.length - found }));
    }
    const choice = (id) => question.querySelector(`[data-gb-choice="${id}"]`);
    chosen.forEach((id) => {
      const note = choice(id)?.querySelector(".gb-choice-feedback");
      if (note) box.appendChild(copy(note)).hidden = false;
    });
    if (!isRight) {
      const answer = box.appendChild(make("p", null, say(correct.length > 1 ? "rightAnswers" : "rightAnswer")));
      correct.forEach((id, i) => answer.append(i ? "; " : "", contentsOf(choice(id)?.querySelector("label"))));
    }
    box.append(copy(question.querySelector(".gb-explanation")));
    const more = question.querySelector(".gb-answer .gb-more");
    if (more) box.append(copy(more));
    question.classList.add(isRight ? "gb-right" : "gb-wrong");
  }

  /* ---- Self-assessments -------------------------------------------------------------------------- */

  const selfAssessment = {
    draw(el, part, state) {
      const ratings = state?.ratings || {};
      all(el, "[data-gb-statement]").forEach((statement) => {
        all(statement, "input").forEach((input) => { input.checked = String(ratings[statement.dataset.gbStatement]) === input.value; });
      });
      const box = el.querySelector(".gb-result");
      box.textContent = "";
      const result = state?.result;
      if (result) {
        const scored = scoreSelfAssessment(part, result.ratings);
        if (!scored) box.append(make("p", null, say("earlier", { date: readable(result.at) })));
        else {
          const title = box.appendChild(make("p", "gb-result-title"));
          title.append(make("strong", null, say("result", { band: scored.band.title, percent: scored.percent })),
            say("resultPoints", { total: scored.total, max: scored.max, date: readable(result.at) }));
          box.append(contentsOf(el.querySelector(`[data-gb-band="${scored.band.id}"] + dd`), "div"));
          box.lastChild.className = "gb-band-advice";
          // Advice for the statements rated lowest (up to three), unless everything is at the top.
          const lowest = Object.keys(part.statements).filter((id) => result.ratings[id] - 1 < part.statements[id])
            .sort((a, b) => (result.ratings[a] - 1) / part.statements[a] - (result.ratings[b] - 1) / part.statements[b]).slice(0, 3);
          if (lowest.length) {
            box.append(make("p", null, say("startWith")));
            const list = box.appendChild(make("ul", "gb-focus"));
            lowest.forEach((id) => {
              const statement = el.querySelector(`[data-gb-statement="${id}"]`);
              const li = list.appendChild(make("li"));
              li.append(contentsOf(statement.querySelector(".gb-statement-text"), "strong"));
              all(statement, ".gb-advice > :not(summary)").forEach((node) => li.append(copy(node)));
            });
          }
        }
      }
      const previous = state?.previous;
      if (previous?.at) {
        const scored = scoreSelfAssessment(part, previous.ratings);
        box.append(make("p", "gb-previous", scored ? say("previous", { band: scored.band.title, percent: scored.percent, date: readable(previous.at) })
          : say("previousEarlier", { date: readable(previous.at) })));
      }
    },
    change(el, part, input) {
      const statement = input.closest("[data-gb-statement]");
      if (!statement) return;
      const state = read(el.dataset.gbKey) || {};
      write(el.dataset.gbKey, { ...state, ratings: { ...state.ratings, [statement.dataset.gbStatement]: Number(input.value) } });
    },
    actions: {
      score(el, part) {
        const state = read(el.dataset.gbKey) || {};
        const ratings = state.ratings || {};
        const unrated = Object.keys(part.statements).filter((id) => !ratings[id]);
        if (unrated.length) {
          const box = el.querySelector(".gb-result");
          box.textContent = say("rateAll", { left: unrated.length });
          el.querySelector(`[data-gb-statement="${unrated[0]}"] input`).focus();
          return;
        }
        const scored = scoreSelfAssessment(part, ratings);
        const result = { total: scored.total, max: scored.max, percent: scored.percent, band: scored.band.id, ratings, at: now() };
        write(el.dataset.gbKey, { ratings, result, previous: state.result || state.previous || null });
      },
      retake(el) {
        const state = read(el.dataset.gbKey) || {};
        write(el.dataset.gbKey, { ratings: {}, result: null, previous: state.result || state.previous || null });
        el.querySelector("[data-gb-statement] input")?.focus();
      },
      "print-result": (el, part) => printPart(el, part, "resultPrinted")
    }
  };

  /* ---- Printing ---------------------------------------------------------------------------------- */
  // Printing never changes the page's inputs or saved state: one part prints from a copy on a sheet of
  // its own; the workbook prints itself, and print CSS leaves the ticks out of a blank copy.

  function printPart(el, part, filled) {
    const sheet = make("div");
    sheet.id = "gb-print-sheet";
    sheet.append(make("p", "gb-sheet-site", part.guide));
    const clone = sheet.appendChild(el.cloneNode(true));
    const inputs = all(el, "input");
    all(clone, "input").forEach((input, i) => {
      input.removeAttribute("name"); // copied radios must not take the page's selection
      input.checked = !!filled && inputs[i].checked;
    });
    all(clone, "[id]").forEach((node) => node.removeAttribute("id"));
    if (!filled) all(clone, ".gb-status, .gb-result, .gb-score, .gb-feedback, .gb-changed").forEach((node) => { node.textContent = ""; });
    sheet.append(make("p", "gb-sheet-date", filled ? say(filled, { date: readable(now()) }) : say("sheetBlank")));
    document.getElementById("gb-print-sheet")?.remove();
    document.body.append(sheet);
    document.documentElement.classList.add("gb-printing");
    window.print();
  }

  function printWorkbook(el, filled) {
    document.documentElement.classList.add(filled ? "gb-print-filled" : "gb-print-blank");
    text(el.querySelector("[data-gb-date]"), filled ? readable(now()) : "");
    window.print();
  }

  window.addEventListener("afterprint", () => {
    document.documentElement.classList.remove("gb-printing", "gb-print-filled", "gb-print-blank");
    document.getElementById("gb-print-sheet")?.remove();
  });

  /* ---- Across chapters: home page list, progress page, workbook ------------------------------- */

  // One chapter's saved progress, counting only what still exists.
  function chapterProgress(chapter) {
    let done = 0, total = 0;
    const checks = [], results = [];
    chapter.parts.forEach((part) => {
      const state = read(part.key);
      if (part.kind === "checklists") {
        const items = Object.keys(part.items);
        total += items.length;
        done += items.filter((id) => typeof state?.ticks?.[id] === "string").length;
      } else if (part.kind === "knowledge_checks") {
        checks.push(typeof state?.last?.score === "number" ? state.last : null);
      } else if (part.kind === "self_assessments") {
        results.push(state?.result?.at ? { at: state.result.at, scored: scoreSelfAssessment(part, state.result.ratings) } : null);
      }
    });
    const complete = done === total && checks.every(Boolean) && results.every((r) => r?.scored);
    return { done, total, checks, results, complete };
  }

  const chapterList = {
    draw(el, guide) {
      guide.chapters.forEach((chapter) => {
        text(el.querySelector(`.gb-mark[data-gb-chapter="${chapter.slug}"]`), chapterProgress(chapter).complete ? say("chapterDone") : "\u00a0");
      });
    },
    actions: {}
  };

  const pendingImports = new WeakMap();

  const progressPage = {
    draw(el, guide) {
      let done = 0, total = 0, complete = 0;
      guide.chapters.forEach((chapter) => {
        const p = chapterProgress(chapter);
        done += p.done; total += p.total; complete += p.complete ? 1 : 0;
        const row = el.querySelector(`tr[data-gb-chapter="${chapter.slug}"]`);
        if (!row) return;
        const cell = (column) => row.querySelector(`[data-gb-col="${column}"]`);
        text(cell("items"), say(p.complete ? "progressComplete" : "progressItems", p));
        text(cell("check"), p.checks.map((c) => (c ? say("checkResult", { score: c.score, total: c.total, date: readable(c.at) }) : say("notTaken"))).join("; "));
        text(cell("assessment"), p.results.map((r) => (!r ? say("notTaken") : r.scored
          ? say("assessmentResult", { band: r.scored.band.title, percent: r.scored.percent, date: readable(r.at) })
          : say("assessmentEarlier", { date: readable(r.at) }))).join("; "));
      });
      text(el.querySelector(".gb-overall"), say("overall", { done, total, complete, chapters: guide.chapters.length }));
    },
    change(el, guide, input) {
      if (!input.hasAttribute("data-gb-import") || !input.files.length) return;
      input.files[0].text().then((raw) => {
        input.value = "";
        let file = null;
        try { file = JSON.parse(raw); } catch (e) { /* not JSON: refused below */ }
        const checked = checkImport(file, guide);
        pendingImports.set(el, checked.entries || null);
        el.querySelector(".gb-import-choice").hidden = !checked.entries;
        message(el, checked.entries ? say("importReady") : say(checked.problem, checked.values));
      });
    },
    actions: {
      import(el) {
        const entries = pendingImports.get(el);
        if (!entries) return;
        if (el.querySelector("[name=gb-import-mode]:checked").value === "replace") savedKeys().forEach((key) => write(key, null));
        const here = {};
        Object.keys(entries).forEach((key) => { here[key] = read(key); });
        Object.entries(mergeEntries(here, entries)).forEach(([key, value]) => write(key, value));
        finishImport(el, say("imported", { count: Object.keys(entries).length }));
      },
      "cancel-import": (el) => finishImport(el, say("importCancelled")),
      export(el, guide) {
        const entries = {};
        savedKeys().forEach((key) => { const value = read(key); if (value) entries[key] = value; });
        const file = { format: EXPORT_FORMAT, version: FORMAT, site: guide.site, exported: now(), entries };
        const link = make("a");
        link.href = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: "application/json" }));
        link.download = EXPORT_FORMAT + "-" + now().slice(0, 10) + ".json";
        link.click();
        setTimeout(() => URL.revokeObjectURL(link.href), 1000); // once the download has started
        message(el, say("exported", { file: link.download }));
      },
      clear(el) {
        if (!window.confirm(say("confirmClear"))) return;
        savedKeys().forEach((key) => write(key, null));
        message(el, say("cleared"));
      }
    }
  };

  function finishImport(el, words) {
    pendingImports.delete(el);
    el.querySelector(".gb-import-choice").hidden = true;
    message(el, words);
  }
  const message = (el, words) => text(el.querySelector(".gb-message"), words);

  const workbook = {
    draw() {},
    actions: {
      "print-blank": (el) => printWorkbook(el, false),
      "print-filled": (el) => printWorkbook(el, true)
    }
  };

  /* ---- Wiring ------------------------------------------------------------------------------------ */

  const KINDS = {
    "checklist": checklist,
    "knowledge-check": knowledgeCheck,
    "self-assessment": selfAssessment,
    "chapter-list": chapterList,
    "progress": progressPage,
    "workbook": workbook
  };

  function draw(el) {
    KINDS[el.dataset.gbKind].draw(el, facts(el), el.dataset.gbKey ? read(el.dataset.gbKey) : null);
  }

  // Redraws what the page shows of one saved key (all of it for null): the part itself, and the
  // overviews, which add up every key.
  function redraw(key) {
    all(document, ".gb[data-gb-ready]").forEach((el) => {
      if (key === null || !el.dataset.gbKey || el.dataset.gbKey === key) draw(el);
    });
  }

  function setUp() {
    document.getElementById("gb-print-sheet")?.remove(); // left over from the page before
    all(document, ".gb[data-gb-kind]").forEach((el) => {
      if (el.dataset.gbReady || !KINDS[el.dataset.gbKind]) return;
      el.dataset.gbReady = "1";
      draw(el);
      all(el, ".gb-actions").forEach((actions) => { actions.hidden = false; });
    });
    notice();
  }

  const partOf = (node) => {
    const el = node.closest?.(".gb[data-gb-ready]");
    return el && KINDS[el.dataset.gbKind] ? el : null;
  };

  document.addEventListener("change", (event) => {
    const el = partOf(event.target);
    if (el) KINDS[el.dataset.gbKind].change?.(el, facts(el), event.target);
  });

  document.addEventListener("click", (event) => {
    const button = event.target.closest?.("[data-gb-action]");
    const el = button && partOf(button);
    const action = el && KINDS[el.dataset.gbKind].actions[button.dataset.gbAction];
    if (action) action(el, facts(el));
  });

  // Another tab saved, removed or cleared something of ours: its change is newer than anything this tab
  // still holds unsaved for the same key, and everything the page shows of it is drawn again.
  window.addEventListener("storage", (event) => {
    if (event.storageArea !== storage || (event.key !== null && !event.key.startsWith(PREFIX))) return;
    const key = event.key === null ? null : event.key.slice(PREFIX.length);
    if (key === null) unsaved.clear();
    else unsaved.delete(key);
    redraw(key);
  });

  if (window.document$?.subscribe) window.document$.subscribe(setUp);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
