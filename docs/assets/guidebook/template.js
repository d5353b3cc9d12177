/* A message template (macros/kinds/template.py). The message is made from the part's facts, never read
 * from the page: `message()` mirrors the Python function of the same name, and tests/vectors/messages.json
 * holds both to the same text and length. The reader's own details (the facts' `you` blanks) get one set of
 * fields per page, "Your details", which the page has before its first template; other blanks have their
 * fields in their template. Only the reader's own details are ever saved, under facts.details, and only while
 * "Remember" is ticked. A template has no progress of its own. */

export const state = {
  type: "object",
  additionalProperties: false,
  required: ["details"],
  properties: { details: { type: "object", additionalProperties: { type: "string", maxLength: 2000 } } }
};

const BLANK = /\{([^{}]*)\}/g;

// The message as it is copied and counted: each blank filled with the reader's value (trimmed), or with its
// example while the reader has typed nothing; lines joined by a newline, paragraphs by a blank line.
export const message = (body, examples, values = {}) =>
  body.map((lines) => lines.map((line) => line.replace(BLANK, (whole, name) => (values[name] || "").trim() || (examples[name] ?? whole)))
    .join("\n")).join("\n\n");

export const length = (text) => [...text].length; // characters as people count them, not UTF-16 units

// "Your details" is drawn by the macros before the page's first template (macros/kinds/template.py), so
// that nothing moves: here it gets what the reader saved, once per page view.
const wired = new WeakSet();
function detailsForm(facts, gb) {
  const form = document.getElementById("gb-you");
  if (!form || wired.has(form)) return;
  wired.add(form);
  const saved = gb.read(facts.details);
  form.querySelector("[type=checkbox]").checked = !!saved;
  gb.all(form, "input[data-gb-blank]").forEach((input) => { input.value ||= saved?.details?.[input.dataset.gbBlank] || ""; });
  form.addEventListener("input", () => rememberDetails(form, facts, gb));
}

// "Your details" feeds every template of the page; unticking "Remember" forgets them.
function rememberDetails(form, facts, gb) {
  const details = {};
  gb.all(form, "input[data-gb-blank]").forEach((input) => { details[input.dataset.gbBlank] = input.value; });
  const remember = form.querySelector("[type=checkbox]").checked;
  if (remember || gb.read(facts.details)) gb.write(facts.details, remember ? { details } : null);
  gb.all(document, ".gb-template[data-gb-ready]").forEach((el) => fill(el, gb.facts(el), gb));
}

function values(el, facts) {
  const yours = new Set(facts.you.map(([name]) => name));
  const found = {};
  Object.keys(facts.examples).forEach((name) => {
    const fields = yours.has(name) ? document.getElementById("gb-you") : el;
    found[name] = fields?.querySelector(`input[data-gb-blank="${name}"]`)?.value || "";
  });
  return found;
}

function fill(el, facts, gb) {
  const given = values(el, facts);
  gb.all(el, "mark[data-gb-blank]").forEach((mark) => {
    const value = (given[mark.dataset.gbBlank] || "").trim();
    mark.textContent = value || "[" + facts.examples[mark.dataset.gbBlank] + "]";
    mark.classList.toggle("gb-filled", !!value);
  });
  if (!facts.limit) return;
  const count = length(message(facts.body, facts.examples, given));
  const over = count > facts.limit;
  gb.text(el.querySelector(".gb-count"), gb.say(over ? "too_long_count" : "characters", { length: count, limit: facts.limit }));
  if (over !== el.classList.contains("gb-over")) { // said once, when it tips over (or back)
    el.classList.toggle("gb-over", over);
    gb.text(el.querySelector(".gb-status"), over ? gb.say("too_long") : "");
  }
}

export function draw(el, facts, saved, gb) {
  if (facts.you.length) detailsForm(facts, gb);
  fill(el, facts, gb);
  // Opened from Your people, with a name in the fragment (#gb-<chapter>-<id>&their_name=Ana): template_link.js.
  if (location.hash.startsWith(`#${el.id}&`)) gb.load("template_link").then((link) => link.fill(el, gb));
}

export const input = (el, facts, target, gb) => fill(el, facts, gb);

export const actions = {
  copy(el, facts, gb) {
    const status = el.querySelector(".gb-status");
    const select = () => { // the Clipboard API was refused: select the message for Ctrl+C
      getSelection().selectAllChildren(el.querySelector(".gb-text"));
      gb.text(status, gb.say("selected"));
    };
    gb.text(status, "");
    try {
      navigator.clipboard.writeText(message(facts.body, facts.examples, values(el, facts))).then(() => gb.text(status, gb.say("copied")), select);
    } catch (e) {
      select();
    }
  }
};
