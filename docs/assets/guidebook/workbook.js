/* The workbook (macros/overview.py): prints itself, blank or with the reader's progress and the date. Print
 * CSS leaves the ticks out of a blank copy; the page's inputs and saved state are never touched. */

export function draw() {}

function printWorkbook(el, filled, gb) {
  document.documentElement.classList.add(filled ? "gb-print-filled" : "gb-print-blank");
  gb.text(el.querySelector("[data-gb-date]"), filled ? gb.readable(gb.now()) : "");
  window.print();
}

export const actions = {
  "print-blank": (el, facts, gb) => printWorkbook(el, false, gb),
  "print-filled": (el, facts, gb) => printWorkbook(el, true, gb)
};
