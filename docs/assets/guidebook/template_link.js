/* A message template opened by a link that carries some of its blanks in the URL fragment, as "Write the
 * message" in Your people does (#gb-<chapter>-<id>&their_name=Ana): loaded by template.js only then. The
 * fragment never reaches a server, and it loses the values at once, so nobody's name stays in the address,
 * the history or the toolkit's storage (other people's blanks are never saved). */

export function fill(el, gb) {
  const values = new URLSearchParams(location.hash.slice(el.id.length + 2));
  const fields = gb.all(el, "input[data-gb-blank]").filter((input) => values.has(input.dataset.gbBlank));
  fields.forEach((input) => {
    input.value = values.get(input.dataset.gbBlank);
    input.dispatchEvent(new Event("input", { bubbles: true })); // the message fills in as if typed
  });
  history.replaceState(history.state, "", "#" + el.id);
  el.scrollIntoView();
  fields[0]?.focus({ preventScroll: true });
}
