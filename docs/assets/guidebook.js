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
  // The script lives at <site base>/assets/guidebook.js; that base namespaces our keys.
  const BASE = new URL("..", document.currentScript?.src || location.href).pathname;
  const PREFIX = "gb:v" + FORMAT + ":" + BASE + ":";

  // Every sentence the script shows comes from the page (macros/strings/<language>.yml, which the macros
  // write into a data-gb-words attribute): whole sentences with named placeholders, numbers and dates
  // formatted for the page's language, plural forms chosen by Intl.PluralRules.
  let words = {};
  const number = (value) => new Intl.NumberFormat(words.language).format(value);
  const percent = (value) => new Intl.NumberFormat(words.language, { style: "percent" }).format(value / 100);
  function say(id, values = {}) {
    let template = words[id] ?? "";
    if (typeof template === "object") template = template[new Intl.PluralRules(words.language).select(values.count)] ?? template.other;
    return template.replace(/\{(\w+)\}/g, (_, name) => (typeof values[name] === "number" ? number(values[name]) : values[name]));
  }

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

  // Checks an import against this guidebook: { entries } or { problem: <words key>, values }.
  function checkImport(file, guide) {
    const id = guide.id.replace(/^\^|\$$/g, "");
    const key = new RegExp("^" + id + "/" + id + "$");
    const entries = file?.entries;
    if (file?.format !== guide.format || !Number.isInteger(file.version) || !entries || typeof entries !== "object" ||
        Object.keys(entries).some((k) => !key.test(k) || !entries[k] || typeof entries[k] !== "object")) {
      return { problem: "not_ours" };
    }
    if (file.version > FORMAT) return { problem: "newer", values: { version: file.version } };
    if (file.site !== guide.site) return { problem: "other_site", values: { site: file.site } };
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
    return isNaN(date) ? "" : date.toLocaleDateString(words.language,
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
      text(el.querySelector(".gb-status"), say("items_done", { done: total.filter((id) => typeof ticks[id] === "string").length, total: total.length }));
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
        if (window.confirm(say("confirm_reset", { title: part.title }))) write(el.dataset.gbKey, null);
      },
      "print-blank": (el, part) => printPart(el, part, null),
      "print-filled": (el, part) => printPart(el, part, "ticks_printed")
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
      text(el.querySelector(".gb-score"), state?.checked ? say(score < total ? "score_low" : "score_all", { score, total })
        : last ? say("last_time", { score: last.score, total: last.total, date: readable(last.at) }) : "");
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
    if (!chosen.length) line.append(say("no_answer"));
    else if (!isRight && question.dataset.gbType === "multiple") {
      line.append(say(chosen.length > found ? "picked_extra" : "picked", { found, total: correct.length, extra: chosen.length - found }));
    }
    const choice = (id) => question.querySelector(`[data-gb-choice="${id}"]`);
    chosen.forEach((id) => {
      const note = choice(id)?.querySelector(".gb-choice-feedback");
      if (note) box.appendChild(copy(note)).hidden = false;
    });
    if (!isRight) {
      const answer = box.appendChild(make("p", null, say(correct.length > 1 ? "right_answers" : "right_answer")));
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
          title.append(make("strong", null, say("result", { band: scored.band.title, percent: percent(scored.percent) })),
            say("result_points", { total: scored.total, max: scored.max, date: readable(result.at) }));
          box.append(contentsOf(el.querySelector(`[data-gb-band="${scored.band.id}"] + dd`), "div"));
          box.lastChild.className = "gb-band-advice";
          // Advice for the statements rated lowest (up to three), unless everything is at the top.
          const lowest = Object.keys(part.statements).filter((id) => result.ratings[id] - 1 < part.statements[id])
            .sort((a, b) => (result.ratings[a] - 1) / part.statements[a] - (result.ratings[b] - 1) / part.statements[b]).slice(0, 3);
          if (lowest.length) {
            box.append(make("p", null, say("start_with")));
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
        box.append(make("p", "gb-previous", scored ? say("previous", { band: scored.band.title, percent: percent(scored.percent), date: readable(previous.at) })
          : say("previous_earlier", { date: readable(previous.at) })));
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
          box.textContent = say("rate_all", { left: unrated.length });
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
      "print-result": (el, part) => printPart(el, part, "result_printed")
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
    sheet.append(make("p", "gb-sheet-date", filled ? say(filled, { date: readable(now()) }) : say("sheet_blank")));
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
        text(el.querySelector(`.gb-mark[data-gb-chapter="${chapter.slug}"]`), chapterProgress(chapter).complete ? say("chapter_done") : "\u00a0");
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
        text(cell("items"), say(p.complete ? "progress_complete" : "progress_items", p));
        text(cell("check"), p.checks.map((c) => (c ? say("check_result", { score: c.score, total: c.total, date: readable(c.at) }) : say("not_taken"))).join("; "));
        text(cell("assessment"), p.results.map((r) => (!r ? say("not_taken") : r.scored
          ? say("assessment_result", { band: r.scored.band.title, percent: percent(r.scored.percent), date: readable(r.at) })
          : say("assessment_earlier", { date: readable(r.at) }))).join("; "));
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
        message(el, checked.entries ? say("import_ready") : say(checked.problem, checked.values));
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
      "cancel-import": (el) => finishImport(el, say("import_cancelled")),
      export(el, guide) {
        const entries = {};
        savedKeys().forEach((key) => { const value = read(key); if (value) entries[key] = value; });
        const file = { format: guide.format, version: FORMAT, site: guide.site, exported: now(), entries };
        const link = make("a");
        link.href = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: "application/json" }));
        link.download = guide.format + "-" + now().slice(0, 10) + ".json";
        link.click();
        setTimeout(() => URL.revokeObjectURL(link.href), 1000); // once the download has started
        message(el, say("exported", { file: link.download }));
      },
      clear(el) {
        if (!window.confirm(say("confirm_clear"))) return;
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

  /* ---- Message templates ----------------------------------------------------------------------- */
  // Each template arrives as a finished example, every blank a <mark data-gb-blank> showing "[example]".
  // The reader's own details (the part's `you` blanks) get one set of fields per page, "Your details",
  // built here before the first template; other blanks have their fields in their template. Only the
  // reader's own details are ever saved, under "reader/details", and only while "Remember" is ticked.
  const DETAILS = "reader/details";

  function detailsForm(before, you) {
    let form = document.getElementById("gb-you");
    if (!form) {
      form = make("fieldset", "gb gb-you");
      form.id = "gb-you";
      const remember = make("label");
      const box = remember.appendChild(make("input"));
      box.type = "checkbox";
      box.checked = !!read(DETAILS);
      remember.append(" ", say("remember"));
      form.append(make("legend", null, say("your_details")), remember);
      (document.getElementById("gb-you-here") || before).before(form);
    }
    const saved = read(DETAILS)?.details || {};
    you.forEach(([name, label]) => {
      if (form.querySelector(`[data-gb-blank="${name}"]`)) return;
      const field = make("label", null, label);
      const input = field.appendChild(make("input"));
      input.dataset.gbBlank = name;
      input.value = saved[name] || "";
      form.lastChild.before(field);
    });
  }

  const plain = (el) => el.querySelector(".gb-text").innerText.trim(); // paragraphs and line breaks, no markup

  function fill(el, part) {
    const yours = new Set(part.you.map(([name]) => name));
    all(el, "mark[data-gb-blank]").forEach((mark) => {
      const name = mark.dataset.gbBlank;
      const fields = yours.has(name) ? document.getElementById("gb-you") : el;
      const value = (fields?.querySelector(`input[data-gb-blank="${name}"]`)?.value || "").trim();
      mark.textContent = value || "[" + mark.dataset.gbExample + "]";
      mark.classList.toggle("gb-filled", !!value);
    });
    if (!part.limit) return;
    // Counted as it will be sent: a blank not filled in yet counts as its example, without the brackets.
    const length = [...plain(el)].length - 2 * all(el, "mark:not(.gb-filled)").length;
    const over = length > part.limit;
    text(el.querySelector(".gb-count"), say(over ? "too_long_count" : "characters", { length, limit: part.limit }));
    if (over !== el.classList.contains("gb-over")) { // said once, when it tips over (or back)
      el.classList.toggle("gb-over", over);
      text(el.querySelector(".gb-status"), over ? say("too_long") : "");
    }
  }

  const messageTemplate = {
    draw(el, part) {
      if (part.you.length) detailsForm(el, part.you);
      el.querySelector(".gb-blanks")?.removeAttribute("hidden");
      fill(el, part);
    },
    actions: {
      copy(el) {
        const status = el.querySelector(".gb-status");
        const select = () => { // the Clipboard API was refused: select the message for Ctrl+C
          getSelection().selectAllChildren(el.querySelector(".gb-text"));
          text(status, say("selected"));
        };
        text(status, "");
        try {
          navigator.clipboard.writeText(plain(el)).then(() => text(status, say("copied")), select);
        } catch (e) {
          select();
        }
      }
    }
  };

  // Typing refills the messages at once; "Your details" feeds every template on the page.
  document.addEventListener("input", (event) => {
    const form = event.target.closest?.("#gb-you");
    if (form) {
      const details = {};
      all(form, "input[data-gb-blank]").forEach((input) => { details[input.dataset.gbBlank] = input.value; });
      const remember = form.querySelector("[type=checkbox]").checked;
      if (remember || read(DETAILS)) write(DETAILS, remember ? { details } : null); // unticking forgets them
    }
    const el = partOf(event.target);
    all(document, ".gb-template[data-gb-ready]").filter((t) => form || t === el).forEach((t) => fill(t, facts(t)));
  });

  /* ---- Wiring ------------------------------------------------------------------------------------ */

  const KINDS = {
    "checklist": checklist,
    "knowledge-check": knowledgeCheck,
    "self-assessment": selfAssessment,
    "template": messageTemplate,
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
    const found = document.querySelector("[data-gb-words]");
    if (found) words = JSON.parse(found.dataset.gbWords);
    document.getElementById("gb-print-sheet")?.remove(); // left over from the page before
    all(document, ".gb[data-gb-kind]").forEach((el) => {
      if (el.dataset.gbReady || !KINDS[el.dataset.gbKind]) return;
      el.dataset.gbReady = "1";
      draw(el);
      all(el, ".gb-actions").forEach((actions) => { actions.hidden = false; });
    });
    notice();
  }

  function partOf(node) {
    const el = node.closest?.(".gb[data-gb-ready]");
    return el && KINDS[el.dataset.gbKind] ? el : null;
  }

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
