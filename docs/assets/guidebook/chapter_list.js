/* The home page's cards (macros/overview.py): on every chapter, how far the reader is ("3 of 20 steps done")
 * with a link to continue where they left off (the first part not done yet), and a mark once it is all done.
 * Progress is added up the way the progress page does it (progress.js), from every kind's own progress(). */

export const needs = (guide) => ["progress", ...new Set(guide.chapters.flatMap((chapter) => chapter.parts.map((part) => part.kind)))];

export function draw(el, guide, saved, gb) {
  const { chapterProgress } = gb.kind("progress");
  guide.chapters.forEach((chapter) => {
    const p = chapterProgress(chapter, gb);
    gb.text(el.querySelector(`.gb-mark[data-gb-chapter="${chapter.slug}"]`), p.complete ? gb.say("chapter_done") : "\u00a0");
    const place = el.querySelector(`[data-gb-progress="${chapter.slug}"]`);
    if (!place) return;
    place.replaceChildren(gb.say(p.complete ? "card_complete" : "card_progress", p));
    if (p.next) {
      const link = place.appendChild(gb.make("a", null, gb.say(p.done ? "continue" : "start")));
      link.href = chapter.url + "#gb-" + p.next.key.replace("/", "-");
      place.insertBefore(document.createTextNode(" "), link);
    }
  });
}
