/* The guidebook's behaviour: saving, scoring and progress on top of HTML that works without it.
 *
 * The macros write plain HTML with data-gb-* hooks; this file finds them on every page view (Material's
 * instant navigation swaps the content without reloading us, so set-up runs per view, idempotently), and
 * listens once on `document` (event delegation), so handlers are never doubled.
 *
 * Saved state lives in localStorage under "gb:v1:<site base path>:<chapter>/<component id>": the base
 * path keeps two guidebooks on one github.io origin apart, v1 is the format, and keys use the authors'
 * ids, never positions, so edits to the content do not move anyone's ticks.
 */
(function () {
  "use strict";

  var FORMAT = 1;
  // The script lives at <site base>/assets/guidebook.js; that base namespaces our keys.
  var BASE = new URL("..", (document.currentScript && document.currentScript.src) || location.href).pathname;
  var PREFIX = "gb:v" + FORMAT + ":" + BASE + ":";

  /* ---- Storage: localStorage when it works, memory when it does not ---------------------------- */

  var memory = {};
  var local = null;
  try {
    local = window.localStorage; // merely reading it throws when cookies are blocked
    local.setItem(PREFIX + "probe", "1");
    local.removeItem(PREFIX + "probe");
  } catch (e) {
    local = null;
  }

  function load(key) {
    var raw = memory[key];
    try {
      if (local) raw = local.getItem(PREFIX + key);
      var value = JSON.parse(raw);
      return value && typeof value === "object" && !Array.isArray(value) ? value : null;
    } catch (e) {
      return null; // corrupt or unreadable: start afresh rather than break the page
    }
  }

  function save(key, value) {
    var raw = JSON.stringify(value);
    memory[key] = raw;
    if (!local) return;
    try {
      local.setItem(PREFIX + key, raw);
    } catch (e) {
      local = null; // quota or a policy change: carry on in memory
      notice();
    }
  }

  function forget(key) {
    delete memory[key];
    try {
      if (local) local.removeItem(PREFIX + key);
    } catch (e) { /* nothing saved, nothing to remove */ }
  }

  function savedKeys() {
    var keys = Object.keys(memory);
    try {
      for (var i = 0; local && i < local.length; i++) {
        var key = local.key(i);
        if (key.indexOf(PREFIX) === 0 && keys.indexOf(key.slice(PREFIX.length)) < 0) keys.push(key.slice(PREFIX.length));
      }
    } catch (e) { /* memory only */ }
    return keys;
  }

  function notice() {
    var first = document.querySelector(".gb[data-gb-kind]");
    if (local || !first || document.querySelector(".gb-notice")) return;
    var note = document.createElement("p");
    note.className = "gb-notice";
    note.setAttribute("role", "status");
    note.textContent = "Your browser does not let this site save progress, so your answers last only " +
      "until you leave. Everything else works; print a copy to keep it.";
    first.parentNode.insertBefore(note, first);
  }

  /* ---- Helpers ----------------------------------------------------------------------------------- */

  function all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }
  function isoDate() { return new Date().toISOString(); }
  function readable(iso) {
    var date = new Date(iso);
    return isNaN(date) ? "" : date.toLocaleDateString(undefined, { year: "numeric", month: "long", day: "numeric" });
  }
  function today() { return readable(isoDate()); }
  function text(el, value) { el.textContent = value; return el; }
  function make(tag, className, content) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (content != null) el.textContent = content;
    return el;
  }
  function copyOf(node) { return node ? node.cloneNode(true) : document.createTextNode(""); }

  /* ---- Checklists -------------------------------------------------------------------------------- */

  var checklist = {
    restore: function (el) {
      var ticks = (load(el.dataset.gbKey) || {}).ticks || {};
      all(el, "[data-gb-item]").forEach(function (item) {
        var saved = ticks[item.dataset.gbItem];
        var box = item.querySelector("input");
        box.checked = typeof saved === "string";
        markChanged(item, box.checked && saved !== item.dataset.gbHash ? saved : null);
      });
      checklist.status(el);
    },
    change: function (el, input) {
      var item = input.closest("[data-gb-item]");
      if (item) markChanged(item, null); // ticked again (or unticked): it refers to today's text
      checklist.store(el);
      checklist.status(el);
    },
    store: function (el) {
      var ticks = {};
      all(el, "[data-gb-item]").forEach(function (item) {
        if (item.querySelector("input").checked) ticks[item.dataset.gbItem] = item.dataset.gbTickedHash || item.dataset.gbHash;
      });
      save(el.dataset.gbKey, { ticks: ticks, at: isoDate() });
    },
    status: function (el) {
      var done = all(el, "[data-gb-item] input:checked").length;
      text(el.querySelector(".gb-status"), done + " of " + el.dataset.gbTotal + " done");
    },
    reset: function (el) {
      if (!window.confirm("Remove all your ticks from “" + el.querySelector("legend").textContent + "”?")) return;
      forget(el.dataset.gbKey);
      checklist.restore(el);
    }
  };

  function markChanged(item, savedHash) {
    var label = item.querySelector("label");
    var mark = label.querySelector(".gb-changed");
    if (savedHash) {
      item.dataset.gbTickedHash = savedHash;
      if (!mark) label.appendChild(make("em", "gb-changed", " (changed since you ticked it)"));
    } else {
      delete item.dataset.gbTickedHash;
      if (mark) mark.remove();
    }
  }

  /* ---- Knowledge checks -------------------------------------------------------------------------- */

  var knowledgeCheck = {
    restore: function (el) {
      var state = load(el.dataset.gbKey) || {};
      var answers = state.answers || {};
      all(el, "[data-gb-question]").forEach(function (question) {
        var chosen = Array.isArray(answers[question.dataset.gbQuestion]) ? answers[question.dataset.gbQuestion] : [];
        all(question, "input").forEach(function (input) { input.checked = chosen.indexOf(input.value) >= 0; });
      });
      if (state.checked) knowledgeCheck.check(el, true);
      else knowledgeCheck.clearFeedback(el, state.last);
    },
    answers: function (el) {
      var answers = {};
      all(el, "[data-gb-question]").forEach(function (question) {
        answers[question.dataset.gbQuestion] = all(question, "input:checked").map(function (input) { return input.value; });
      });
      return answers;
    },
    change: function (el) {
      var state = load(el.dataset.gbKey) || {};
      save(el.dataset.gbKey, { answers: knowledgeCheck.answers(el), checked: false, last: state.last });
    },
    check: function (el, restoring) {
      var right = 0;
      var questions = all(el, "[data-gb-question]");
      questions.forEach(function (question) { if (feedback(question)) right++; });
      var total = questions.length;
      var last = { score: right, total: total, at: isoDate() };
      if (restoring) last = (load(el.dataset.gbKey) || {}).last || last;
      else save(el.dataset.gbKey, { answers: knowledgeCheck.answers(el), checked: true, last: last });
      text(el.querySelector(".gb-score"), "You got " + last.score + " of " + last.total + " right." +
        (last.score < last.total ? " Read the notes under each question, then try again if you like." : " Well done."));
    },
    clearFeedback: function (el, last) {
      all(el, "[data-gb-question]").forEach(function (question) {
        question.classList.remove("gb-right", "gb-wrong");
        question.querySelector(".gb-feedback").textContent = "";
      });
      text(el.querySelector(".gb-score"), last ? "Last time: " + last.score + " of " + last.total + " right (" + readable(last.at) + ")." : "");
    },
    retry: function (el) {
      all(el, "[data-gb-question] input").forEach(function (input) { input.checked = false; });
      knowledgeCheck.change(el);
      knowledgeCheck.clearFeedback(el, (load(el.dataset.gbKey) || {}).last);
      var first = el.querySelector("[data-gb-question] input");
      if (first) first.focus();
    }
  };

  // Writes one question's feedback; true when the answer is fully right.
  function feedback(question) {
    var choices = all(question, "[data-gb-choice]");
    var correct = choices.filter(function (c) { return c.hasAttribute("data-gb-correct"); });
    var picked = choices.filter(function (c) { return c.querySelector("input").checked; });
    var found = picked.filter(function (c) { return c.hasAttribute("data-gb-correct"); }).length;
    var isRight = found === correct.length && picked.length === correct.length;
    var box = question.querySelector(".gb-feedback");
    box.textContent = "";
    var verdict = make("p", "gb-verdict");
    verdict.appendChild(make("strong", null, isRight ? "✓ Correct." : "✗ Not quite."));
    if (!isRight && question.dataset.gbType === "multiple" && picked.length) {
      verdict.appendChild(document.createTextNode(" You picked " + found + " of the " + correct.length + " right answers" +
        (picked.length > found ? ", and " + (picked.length - found) + " that does not fit." : ".")));
    } else if (!picked.length) {
      verdict.appendChild(document.createTextNode(" You did not choose an answer."));
    }
    box.appendChild(verdict);
    picked.forEach(function (choice) {
      var note = choice.querySelector(".gb-choice-feedback");
      if (note) box.appendChild(copyOf(note)).hidden = false;
    });
    if (!isRight) {
      var answer = make("p", null, correct.length > 1 ? "The right answers: " : "The right answer: ");
      correct.forEach(function (choice, i) {
        if (i) answer.appendChild(document.createTextNode("; "));
        answer.appendChild(contentsOf(choice.querySelector("label")));
      });
      box.appendChild(answer);
    }
    box.appendChild(copyOf(question.querySelector(".gb-explanation")));
    var more = question.querySelector(".gb-answer .gb-more");
    if (more) box.appendChild(copyOf(more));
    question.classList.toggle("gb-right", isRight);
    question.classList.toggle("gb-wrong", !isRight);
    return isRight;
  }

  // A copy of an element's children (our own server-rendered, escaped HTML) in a new element.
  function contentsOf(node, tag) {
    var span = make(tag || "span");
    Array.prototype.forEach.call(node.childNodes, function (child) { span.appendChild(child.cloneNode(true)); });
    return span;
  }

  /* ---- Self-assessments -------------------------------------------------------------------------- */

  var selfAssessment = {
    restore: function (el) {
      var state = load(el.dataset.gbKey) || {};
      var ratings = state.ratings || {};
      all(el, "[data-gb-statement]").forEach(function (statement) {
        all(statement, "input").forEach(function (input) {
          input.checked = String(ratings[statement.dataset.gbStatement]) === input.value;
        });
      });
      selfAssessment.show(el, state.result, state.previous);
    },
    ratings: function (el) {
      var ratings = {};
      all(el, "[data-gb-statement]").forEach(function (statement) {
        var chosen = statement.querySelector("input:checked");
        if (chosen) ratings[statement.dataset.gbStatement] = Number(chosen.value);
      });
      return ratings;
    },
    change: function (el) {
      var state = load(el.dataset.gbKey) || {};
      state.ratings = selfAssessment.ratings(el);
      save(el.dataset.gbKey, state);
    },
    score: function (el) {
      var statements = all(el, "[data-gb-statement]");
      var unrated = statements.filter(function (s) { return !s.querySelector("input:checked"); });
      var box = el.querySelector(".gb-result");
      if (unrated.length) {
        text(box, "Rate every statement first: " + unrated.length + " still to go.");
        unrated[0].querySelector("input").focus();
        return;
      }
      var ratings = selfAssessment.ratings(el);
      var total = Object.keys(ratings).reduce(function (sum, id) { return sum + ratings[id]; }, 0);
      var percent = Math.round(100 * total / Number(el.dataset.gbMax));
      var state = load(el.dataset.gbKey) || {};
      var result = { total: total, max: Number(el.dataset.gbMax), percent: percent, band: band(el, percent).dataset.gbBand, ratings: ratings, at: isoDate() };
      var previous = state.result || state.previous || null;
      save(el.dataset.gbKey, { ratings: ratings, result: result, previous: previous });
      selfAssessment.show(el, result, previous);
    },
    show: function (el, result, previous) {
      var box = el.querySelector(".gb-result");
      box.textContent = "";
      if (result && result.ratings) {
        var found = band(el, result.percent);
        var heading = make("p", "gb-result-title");
        heading.appendChild(make("strong", null, "Your result: " + found.firstChild.textContent.trim() + ", " + result.percent + " %"));
        heading.appendChild(document.createTextNode(" (" + result.total + " of " + result.max + " points, " + readable(result.at) + ")"));
        box.appendChild(heading);
        box.appendChild(contentsOf(found.nextElementSibling, "div")).className = "gb-band-advice";
        var lowest = lowestRated(el, result.ratings);
        if (lowest.length) {
          box.appendChild(make("p", null, "Start with " + (lowest.length > 1 ? "these:" : "this:")));
          var list = box.appendChild(make("ul", "gb-focus"));
          lowest.forEach(function (statement) {
            var li = list.appendChild(make("li"));
            li.appendChild(make("strong", null, statement.querySelector("legend").textContent.replace(/^\d+\.\s*/, "")));
            all(statement, ".gb-advice > :not(summary)").forEach(function (part) { li.appendChild(copyOf(part)); });
          });
        }
      }
      if (previous && previous.at) {
        var before = band(el, previous.percent);
        box.appendChild(make("p", "gb-previous", "Previous result: " + before.firstChild.textContent.trim() + ", " +
          previous.percent + " % (" + readable(previous.at) + ")."));
      }
    },
    retake: function (el) {
      var state = load(el.dataset.gbKey) || {};
      all(el, "[data-gb-statement] input").forEach(function (input) { input.checked = false; });
      save(el.dataset.gbKey, { ratings: {}, result: null, previous: state.result || state.previous || null });
      selfAssessment.show(el, null, state.result || state.previous);
      var first = el.querySelector("[data-gb-statement] input");
      if (first) first.focus();
    }
  };

  function band(el, percent) {
    var bands = all(el, "[data-gb-band]");
    return bands.filter(function (b) {
      return percent >= Number(b.dataset.gbFrom) && (percent < Number(b.dataset.gbTo) || b === bands[bands.length - 1]);
    })[0] || bands[0];
  }

  // The statements rated lowest (up to three), unless the reader rated everything at the top.
  function lowestRated(el, ratings) {
    var top = all(el, "[data-gb-statement]")[0].querySelectorAll("input").length;
    return all(el, "[data-gb-statement]")
      .filter(function (s) { return ratings[s.dataset.gbStatement] < top; })
      .sort(function (a, b) { return ratings[a.dataset.gbStatement] - ratings[b.dataset.gbStatement]; })
      .slice(0, 3);
  }

  /* ---- Printing one part ------------------------------------------------------------------------- */

  // Prints just one component on its own sheet: blank, or with the reader's answers and today's date.
  function printPart(el, filled, what) {
    var sheet = document.getElementById("gb-print-sheet") || document.body.appendChild(make("div"));
    sheet.id = "gb-print-sheet";
    sheet.textContent = "";
    sheet.appendChild(make("p", "gb-sheet-site", document.title.split(" - ").pop()));
    var part = sheet.appendChild(el.cloneNode(true));
    all(part, "[id]").forEach(function (node) { node.removeAttribute("id"); });
    all(part, "input").forEach(function (input, i) {
      var original = all(el, "input")[i];
      input.checked = filled && original.checked;
      input.removeAttribute("name"); // cloned radios must not steal the page's selection
    });
    if (!filled) all(part, ".gb-status, .gb-result, .gb-score, .gb-feedback, .gb-changed").forEach(function (n) { n.textContent = ""; });
    sheet.appendChild(make("p", "gb-sheet-date", filled ? what + " printed on " + today() + "." : "Name: ______________________   Date: ______________"));
    document.documentElement.classList.add("gb-printing");
    window.print();
  }

  window.addEventListener("afterprint", function () {
    document.documentElement.classList.remove("gb-printing");
  });

  /* ---- Across chapters: home page list, progress page, workbook ------------------------------- */

  // The ids of everything there is to do, written by the macros beside the list or table.
  function guide(el) {
    try { return JSON.parse(el.dataset.gbGuide); } catch (e) { return { chapters: [] }; }
  }

  // One chapter's saved progress, counting only items that still exist.
  function chapterProgress(chapter) {
    var done = 0, total = 0;
    chapter.checklists.forEach(function (list) {
      var ticks = (load(list.key) || {}).ticks || {};
      total += list.items.length;
      list.items.forEach(function (id) { if (typeof ticks[id] === "string") done++; });
    });
    var checks = chapter.checks.map(function (c) { var last = (load(c.key) || {}).last; return last && typeof last.score === "number" ? last : null; });
    var results = chapter.assessments.map(function (a) {
      var result = (load(a.key) || {}).result;
      return result && a.bands[result.band] ? { title: a.bands[result.band], percent: result.percent, at: result.at } : null;
    });
    var complete = done === total && checks.concat(results).every(Boolean);
    return { done: done, total: total, checks: checks, results: results, complete: complete };
  }

  var chapterList = {
    restore: function (el) {
      guide(el).chapters.forEach(function (chapter) {
        var mark = el.querySelector("[data-gb-chapter-done='" + chapter.slug + "']");
        if (mark) mark.textContent = chapterProgress(chapter).complete ? "✓ done" : "\u00a0";
      });
    },
    change: function () {}
  };

  var progressPage = {
    restore: function (el) {
      var items = 0, itemsDone = 0, complete = 0, chapters = guide(el).chapters;
      chapters.forEach(function (chapter) {
        var p = chapterProgress(chapter);
        var row = el.querySelector("tr[data-gb-chapter='" + chapter.slug + "']");
        items += p.total; itemsDone += p.done; if (p.complete) complete++;
        if (!row) return;
        text(row.querySelector("[data-gb-col=items]"), p.done + " of " + p.total + (p.complete ? " — chapter complete ✓" : ""));
        text(row.querySelector("[data-gb-col=check]"), p.checks.map(function (c) {
          return c ? c.score + " of " + c.total + " right (" + readable(c.at) + ")" : "not taken yet";
        }).join("; "));
        text(row.querySelector("[data-gb-col=assessment]"), p.results.map(function (r) {
          return r ? r.title + ", " + r.percent + " % (" + readable(r.at) + ")" : "not taken yet";
        }).join("; "));
      });
      text(el.querySelector(".gb-overall"), itemsDone + " of " + items + " checklist items done; " + complete + " of " +
        chapters.length + " chapters complete. Saved in this browser only.");
    },
    change: function (el, input) {
      if (!input.hasAttribute("data-gb-import") || !input.files.length) return;
      var reader = new FileReader();
      reader.onload = function () { progressPage.offer(el, String(reader.result)); };
      reader.readAsText(input.files[0]);
    },
    // Checks a chosen file; only a valid one from this guidebook gets as far as "merge or replace?".
    offer: function (el, raw) {
      var file = null, problem = null;
      try { file = JSON.parse(raw); } catch (e) { /* handled below */ }
      var entries = file && file.entries;
      if (!file || file.format !== "networking-guidebook-progress" || !entries || typeof entries !== "object" ||
          Object.keys(entries).some(function (key) { return !/^[a-z0-9-]+\/[a-z0-9-]+$/.test(key) || !entries[key] || typeof entries[key] !== "object"; })) {
        problem = "This file is not a progress export from this guidebook, or it is damaged.";
      } else if (file.version > FORMAT) {
        problem = "This file comes from a newer version of the guidebook (format " + file.version + "). Reload this page to get the newest version, then try again.";
      } else if (file.site !== guide(el).site) {
        problem = "This file comes from another guidebook (" + file.site + "), so it cannot be imported here.";
      }
      el.querySelector("[data-gb-import]").value = "";
      if (problem) {
        progressPage.pending = null;
        text(el.querySelector(".gb-message"), problem + " Nothing was changed.");
        return;
      }
      progressPage.pending = entries;
      el.querySelector(".gb-import-choice").hidden = false;
      text(el.querySelector(".gb-message"), "The file is ready to import: choose merge or replace.");
    },
    importFile: function (el) {
      var entries = progressPage.pending;
      if (!entries) return;
      if (el.querySelector("[name=gb-import-mode]:checked").value === "replace") savedKeys().forEach(forget);
      Object.keys(entries).forEach(function (key) {
        var here = load(key), value = entries[key];
        if (here && here.ticks && value.ticks) value = { ticks: Object.assign({}, here.ticks, value.ticks), at: value.at };
        save(key, value);
      });
      progressPage.finish(el, "Imported " + Object.keys(entries).length + " saved parts.");
    },
    finish: function (el, message) {
      progressPage.pending = null;
      el.querySelector(".gb-import-choice").hidden = true;
      progressPage.restore(el);
      text(el.querySelector(".gb-message"), message);
    },
    exportFile: function (el) {
      var entries = {};
      savedKeys().forEach(function (key) { var value = load(key); if (value) entries[key] = value; });
      var file = { format: "networking-guidebook-progress", version: FORMAT, site: guide(el).site, exported: isoDate(), entries: entries };
      var link = make("a");
      link.href = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: "application/json" }));
      link.download = "networking-guidebook-progress-" + isoDate().slice(0, 10) + ".json";
      document.body.appendChild(link).click();
      link.remove();
      text(el.querySelector(".gb-message"), "Your progress was saved to " + link.download + ".");
    },
    clear: function (el) {
      if (!window.confirm("Remove all your ticks, answers and results in this guidebook from this device? This cannot be undone.")) return;
      savedKeys().forEach(forget);
      progressPage.finish(el, "All your progress in this guidebook was removed from this device.");
    }
  };

  // Prints the whole workbook page; blank hides the reader's answers until printing is over.
  function printWorkbook(el, filled) {
    var cleared = [];
    if (!filled) all(document, ".gb input:checked").forEach(function (input) { input.checked = false; cleared.push(input); });
    document.documentElement.classList.add(filled ? "gb-print-filled" : "gb-print-blank");
    text(el.querySelector("[data-gb-date]"), filled ? today() : "");
    window.addEventListener("afterprint", function restore() {
      cleared.forEach(function (input) { input.checked = true; });
      document.documentElement.classList.remove("gb-print-filled", "gb-print-blank");
      window.removeEventListener("afterprint", restore);
    });
    window.print();
  }

  /* ---- Message templates ------------------------------------------------------------------------ */

  // Each template arrives as a finished example, every blank a <mark data-gb-blank> showing "[example]".
  // The reader's own details (blanks named your_...) get one field per page, in "Your details", built
  // here before the first template; other blanks have their fields in their template. Only the reader's
  // own details are ever stored, under "reader/details", and only while "Remember" is ticked.
  var DETAILS = "reader/details";

  var template = {
    restore: function (el) {
      var form = document.getElementById("gb-you"), saved = load(DETAILS), yours = JSON.parse(el.dataset.gbYou || "[]");
      if (!form && yours.length) {
        var at = document.getElementById("gb-you-here") || el;
        form = at.parentNode.insertBefore(make("fieldset", "gb gb-you"), at);
        form.id = "gb-you";
        form.appendChild(make("legend", null, "Your details"));
        var remember = form.appendChild(make("label"));
        var box = remember.appendChild(make("input"));
        box.type = "checkbox";
        box.checked = !!saved;
        remember.appendChild(document.createTextNode(" Remember my details on this device"));
      }
      saved = (saved || {}).details || {};
      yours.forEach(function (blank) {
        if (form.querySelector("[data-gb-blank=" + blank[0] + "]")) return;
        var input = form.insertBefore(make("label", null, blank[1]), form.lastChild).appendChild(make("input"));
        input.dataset.gbBlank = blank[0];
        input.value = saved[blank[0]] || "";
      });
      all(el, "[hidden]").forEach(function (node) { node.hidden = false; }); // the fields and the button
      template.fill(el);
    },
    change: function () {}, // the "input" listener below does the work, on every keystroke
    fill: function (el) {
      all(el, "mark[data-gb-blank]").forEach(function (mark) {
        var name = mark.dataset.gbBlank;
        var input = (/^your_/.test(name) ? document.getElementById("gb-you") : el).querySelector("[data-gb-blank=" + name + "]");
        var value = input ? input.value.trim() : "";
        text(mark, value || "[" + mark.dataset.gbExample + "]");
        mark.classList.toggle("gb-filled", !!value);
      });
      var limit = Number(el.dataset.gbLimit);
      if (!limit) return;
      // Counted as it will be sent: a blank not filled in yet counts as its example, without the brackets.
      var length = Array.from(template.plain(el)).length - 2 * all(el, "mark:not(.gb-filled)").length, over = length > limit;
      text(el.querySelector(".gb-count"), length + " of " + limit + " characters" + (over ? ": too long" : ""));
      if (over !== el.classList.contains("gb-over")) { // say it once, when it tips over (or back)
        el.classList.toggle("gb-over", over);
        text(el.querySelector(".gb-status"), over ? "Too long" : "");
      }
    },
    // The message as the reader sees it: paragraphs, line breaks, no markup.
    plain: function (el) { return el.querySelector(".gb-text").innerText.trim(); },
    copy: function (el) {
      var status = text(el.querySelector(".gb-status"), "");
      function select() { // the Clipboard API was refused: select the message for Ctrl+C
        getSelection().selectAllChildren(el.querySelector(".gb-text"));
        text(status, "Selected: press Ctrl+C to copy");
      }
      try {
        navigator.clipboard.writeText(template.plain(el)).then(function () { text(status, "Copied"); }, select);
      } catch (e) { select(); }
    }
  };

  // Typing in any field refills the messages at once; "Your details" feeds every template on the page.
  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest("#gb-you");
    var el = componentOf(event.target);
    if (form) {
      var details = {};
      all(form, "[data-gb-blank]").forEach(function (input) { details[input.dataset.gbBlank] = input.value; });
      if (form.querySelector("[type=checkbox]").checked) save(DETAILS, { details: details });
      else forget(DETAILS);
      all(document, ".gb-template").forEach(template.fill);
    } else if (el && el.dataset.gbKind === "template") template.fill(el);
  });

  /* ---- Wiring ------------------------------------------------------------------------------------ */

  var KINDS = {
    "checklist": {
      handler: checklist,
      actions: {
        "reset": checklist.reset,
        "print-blank": function (el) { printPart(el, false); },
        "print-filled": function (el) { printPart(el, true, "Ticks"); }
      }
    },
    "knowledge-check": {
      handler: knowledgeCheck,
      actions: {
        "check": function (el) { knowledgeCheck.check(el, false); },
        "retry": knowledgeCheck.retry
      }
    },
    "self-assessment": {
      handler: selfAssessment,
      actions: {
        "score": selfAssessment.score,
        "retake": selfAssessment.retake,
        "print-result": function (el) { printPart(el, true, "Result"); }
      }
    },
    "template": { handler: template, actions: { "copy": template.copy } },
    "chapter-list": { handler: chapterList, actions: {} },
    "progress": {
      handler: progressPage,
      actions: {
        "export": progressPage.exportFile,
        "clear": progressPage.clear,
        "import": progressPage.importFile,
        "cancel-import": function (el) { progressPage.finish(el, "Import cancelled. Nothing was changed."); }
      }
    },
    "workbook": {
      handler: { restore: function () {}, change: function () {} },
      actions: {
        "print-blank": function (el) { printWorkbook(el, false); },
        "print-filled": function (el) { printWorkbook(el, true); }
      }
    }
  };

  function componentOf(node) {
    var el = node.closest && node.closest(".gb[data-gb-kind]");
    return el && KINDS[el.dataset.gbKind] ? el : null;
  }

  function setUp() {
    all(document, ".gb[data-gb-kind]").forEach(function (el) {
      if (el.dataset.gbReady || !KINDS[el.dataset.gbKind]) return;
      el.dataset.gbReady = "1";
      KINDS[el.dataset.gbKind].handler.restore(el);
      all(el, ".gb-actions").forEach(function (actions) { actions.hidden = false; });
    });
    notice();
  }

  document.addEventListener("change", function (event) {
    var el = componentOf(event.target);
    if (el) KINDS[el.dataset.gbKind].handler.change(el, event.target);
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-gb-action]");
    var el = button && componentOf(button);
    var action = el && KINDS[el.dataset.gbKind].actions[button.dataset.gbAction];
    if (action) action(el);
  });

  // Another tab changed our progress: show it here too.
  window.addEventListener("storage", function (event) {
    if (event.key !== null && event.key.indexOf(PREFIX) !== 0) return;
    all(document, ".gb[data-gb-kind]").forEach(function (el) {
      if (event.key === null || event.key === PREFIX + el.dataset.gbKey) KINDS[el.dataset.gbKind].handler.restore(el);
    });
  });

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(setUp);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
