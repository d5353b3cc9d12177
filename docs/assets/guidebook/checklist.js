/* A checklist (macros/kinds/checklist.py): ticks saved with the hash of the text ticked, so an edited item
 * keeps its tick and says it changed. Every kind's module has this shape: `state` (the JSON Schema of what it
 * saves, which the progress page's import check and tests/ use), `draw`, `change`, `actions` and `progress`,
 * each handed the part's element, its facts (data-gb-part) and `gb`, the core's helpers (core.js). */

const at = { type: "string", format: "date-time" };

export const state = {
  type: "object",
  additionalProperties: false,
  required: ["ticks"],
  properties: {
    ticks: { type: "object", additionalProperties: { type: "string", pattern: "^[0-9a-f]{8}$" } },
    at
  }
};

const isTick = (value) => typeof value === "string";

// Items done, of those that still exist (a tick of a removed item is kept, but neither shown nor counted).
export function progress(facts, saved) {
  const ids = Object.keys(facts.items);
  const done = ids.filter((id) => isTick(saved?.ticks?.[id])).length;
  return { done, total: ids.length, line: ["progress_items", { done, total: ids.length }] };
}

// The progress page's cell: the items of all the chapter's checklists together, in words and as a bar.
export function cell(results, gb, chapter) {
  const sum = (name) => results.reduce((total, result) => total + result[name], 0);
  const [done, total] = [sum("done"), sum("total")];
  const bar = gb.make("progress");
  Object.assign(bar, { max: total, value: done });
  bar.setAttribute("aria-label", gb.say("items_bar", { chapter: chapter.title }));
  const words = gb.make("span", null, gb.say("progress_items", { done, total }));
  return [words, bar];
}

export function draw(el, facts, saved, gb) {
  const ticks = saved?.ticks || {};
  gb.all(el, "[data-gb-item]").forEach((item) => {
    const tick = ticks[item.dataset.gbItem];
    const box = item.querySelector("input");
    box.checked = isTick(tick);
    const label = item.querySelector("label");
    const mark = label.querySelector(".gb-changed");
    if (box.checked && tick !== facts.items[item.dataset.gbItem]) mark || label.append(gb.make("em", "gb-changed", gb.say("changed")));
    else mark?.remove();
  });
  const { done, total } = progress(facts, saved);
  gb.text(el.querySelector(".gb-status"), gb.say("items_done", { done, total }));
}

export function change(el, facts, input, gb) {
  const id = input.closest("[data-gb-item]")?.dataset.gbItem;
  if (!id) return;
  const ticks = { ...gb.read(el.dataset.gbKey)?.ticks };
  // A tick refers to the text as it reads today; other ticks keep the text they were given for.
  if (input.checked) ticks[id] = facts.items[id];
  else delete ticks[id];
  gb.write(el.dataset.gbKey, { ticks, at: gb.now() });
}

export const actions = {
  reset(el, facts, gb) {
    if (window.confirm(gb.say("confirm_reset", { title: facts.title }))) gb.write(el.dataset.gbKey, null);
  },
  "print-blank": (el, facts, gb) => gb.printPart(el, facts, null),
  "print-filled": (el, facts, gb) => gb.printPart(el, facts, "ticks_printed")
};
