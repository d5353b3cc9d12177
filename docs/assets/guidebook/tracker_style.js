/* The tracker's stylesheet (tracker.css), in place before the tracker is first drawn (tracker.js needs this
 * module): a tool's styles never reach the pages that do not have it, as guidebook.css does every page. */

const link = document.createElement("link");
link.rel = "stylesheet";
link.href = new URL("tracker.css" + new URL(import.meta.url).search, import.meta.url).href;
await new Promise((done) => {
  link.onload = link.onerror = done; // without its styles the tool still works
  document.head.append(link);
});
