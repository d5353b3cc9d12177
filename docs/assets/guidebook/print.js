/* Printing one part (a checklist, a self-assessment's result): loaded when a reader prints. */

// Printing never changes the page's inputs or saved state: one part prints from a copy on a sheet of its own.
export function printPart(gb, el, part, filled) {
  if (!el.isConnected) return; // the reader has moved on to another page since asking
  const { make, all, say, readable, now } = gb;
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
