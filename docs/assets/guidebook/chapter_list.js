/* The home page's chapter list (macros/overview.py): a mark on every chapter whose parts are all done. It
 * totals progress the way the progress page does (progress.js), from every kind's own progress(). */

export const needs = (guide) => ["progress", ...new Set(guide.chapters.flatMap((chapter) => chapter.parts.map((part) => part.kind)))];

export function draw(el, guide, saved, gb) {
  const { chapterProgress } = gb.kind("progress");
  guide.chapters.forEach((chapter) => {
    const done = chapterProgress(chapter, gb).complete;
    gb.text(el.querySelector(`.gb-mark[data-gb-chapter="${chapter.slug}"]`), done ? gb.say("chapter_done") : "\u00a0");
  });
}
