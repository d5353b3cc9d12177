// Fills the book page that macros/pdf.py prints: run there with page.evaluate(), never loaded by the site.
//
// Each <section class="gb-book-part" data-gb-source="<url>"> of the book page gets the article of that
// built page, as it reads without JavaScript (fetched and parsed, never run), minus what works only on
// screen. Ids get the part's own prefix ("<part id>--<id>"), because the pages reuse ids (every chapter
// has "learning-objectives"); then every link that leads to a page or a section in the book becomes a
// link inside the book, and every other link to the site leads to its published address (the home
// page's canonical URL, from the build's site_url). Finally the contents list each part under its first
// heading.
//
// data-gb-mode says what to take from a page: "chapter" (the whole article), "toolkit" (the whole
// article, its introduction for screens replaced by one for paper) or "from" (the article from the
// element data-gb-from onwards, each heading one level up: the workbook's answers become a part).
async ({ published, answersNote, toolkitIntro }) => {
  // What only works on screen: page buttons, permalinks, "Suggest a change" (for contributors online),
  // whatever the script would reveal or fill in ([hidden]: a template's fields, each choice's feedback,
  // the script's words; empty live regions), the download link itself and any script. The answers under
  // each question go too when the book has an answers part (answersNote says where it is); without one
  // they stay, opened like every <details>.
  const SCREEN_ONLY = [".md-content__button", ".headerlink", ".md-source-file", ".gb-edit", ".gb-actions", ".gb-you", ".gb-blanks",
    "[hidden]", ".gb-status", ".gb-feedback", ".gb-result", ".gb-pdf", "script", "noscript",
    ...(answersNote ? [".gb-answer"] : [])];
  // A control that would still be on paper after that is a mistake to report, not to print.
  const CONTROLS = "button, select, textarea, details, summary, input";
  const REFERENCES = ["for", "aria-describedby", "aria-labelledby", "aria-controls", "aria-owns", "headers"];

  const pageKey = (url) => url.origin + url.pathname.replace(/index\.html$/, "");
  const targets = new Map(); // page URL -> { prefix, ids, whole }

  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, name) => {
    const text = document.createElement("span");
    text.textContent = values[name];
    return text.innerHTML;
  });

  // <details> opened for good: its summary a line in bold, its content always shown. Ours (.gb-advice)
  // stay plain; an author's collapsible note (pymdownx.details) prints as the admonition it looks like.
  function open(details) {
    const ours = [...details.classList].some((name) => name.startsWith("gb-"));
    const box = details.ownerDocument.createElement("div");
    box.className = details.className;
    if (!ours) box.classList.add("admonition");
    for (const child of [...details.childNodes]) {
      if (child.nodeName === "SUMMARY") {
        const title = details.ownerDocument.createElement("p");
        title.className = ours ? "gb-book-summary" : "admonition-title";
        title.append(...child.childNodes);
        box.append(title);
      } else {
        box.append(child);
      }
    }
    details.replaceWith(box);
  }

  function keepFrom(article, id, source) {
    const first = article.querySelector(`#${CSS.escape(id)}`);
    if (!first || first.parentElement !== article) {
      throw new Error(`${source}: no element #${id} directly in its <article> to start the part from`);
    }
    while (first.previousSibling) first.previousSibling.remove();
    for (const heading of article.querySelectorAll("h2, h3, h4, h5, h6")) {
      const higher = heading.ownerDocument.createElement(`h${Number(heading.tagName[1]) - 1}`);
      for (const attribute of heading.attributes) higher.setAttribute(attribute.name, attribute.value);
      higher.append(...heading.childNodes);
      heading.replaceWith(higher);
    }
  }

  function paperIntroduction(article, source) {
    const heading = article.querySelector("h1");
    const fields = article.querySelector("[data-gb-toolkit]"); // "Your details", on screen only
    if (!heading || !fields || heading.parentElement !== fields.parentElement) {
      throw new Error(`${source}: the toolkit needs its <h1> and its details form ([data-gb-toolkit]) side by side in its <article>`);
    }
    while (heading.nextSibling !== fields) heading.nextSibling.remove();
    const intro = article.ownerDocument.createElement("p");
    intro.innerHTML = toolkitIntro;
    fields.replaceWith(intro);
  }

  const parts = [...document.querySelectorAll(".gb-book-part")];
  for (const part of parts) {
    const source = part.dataset.gbSource;
    const response = await fetch(source);
    if (!response.ok) throw new Error(`${source}: HTTP ${response.status}`);
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const article = page.querySelector("article");
    if (!article) throw new Error(`${source} has no <article> to print`);

    const mode = part.dataset.gbMode;
    if (mode === "toolkit") paperIntroduction(article, source); // (in place of the details form)
    article.querySelectorAll(SCREEN_ONLY.join(", ")).forEach((element) => element.remove());
    article.querySelectorAll("details").forEach(open);
    // A box to tick with a pen is a drawing: an <input> would be tagged in the PDF as a form field that
    // cannot be filled in.
    for (const input of article.querySelectorAll("input[type=checkbox], input[type=radio]")) {
      const box = page.createElement("span");
      box.className = `gb-book-box gb-book-${input.type}`;
      input.replaceWith(box);
    }
    if (mode === "from") keepFrom(article, part.dataset.gbFrom, source);
    const control = article.querySelector(CONTROLS);
    if (control) {
      throw new Error(`${source}: a <${control.localName} class="${control.className}"> would be printed; `
        + "it works only on screen. Hide it in print (hidden, or a class macros/pdf_book.js leaves out).");
    }

    const prefix = part.id;
    const ids = new Set();
    for (const element of article.querySelectorAll("[id]")) {
      ids.add(element.id);
      element.id = `${prefix}--${element.id}`;
    }
    for (const name of REFERENCES) {
      for (const element of article.querySelectorAll(`[${name}]`)) {
        element.setAttribute(name, element.getAttribute(name).trim().split(/\s+/).map((id) => `${prefix}--${id}`).join(" "));
      }
    }
    for (const image of article.querySelectorAll("img[src]")) image.src = new URL(image.getAttribute("src"), source).href;
    for (const image of article.querySelectorAll("img[srcset], source[srcset]")) image.removeAttribute("srcset");
    targets.set(pageKey(new URL(source)), { prefix, ids, whole: mode !== "from" });
    part.append(...article.childNodes);
  }

  for (const part of parts) {
    for (const link of part.querySelectorAll("a[href]")) {
      const url = new URL(link.getAttribute("href"), part.dataset.gbSource);
      if (url.origin !== location.origin) {
        link.href = url.href;
        continue;
      }
      const target = targets.get(pageKey(url));
      const id = decodeURIComponent(url.hash.slice(1));
      if (target && (id ? target.ids.has(id) : target.whole)) {
        link.setAttribute("href", `#${id ? `${target.prefix}--${id}` : target.prefix}`);
      } else if (published) {
        link.setAttribute("href", published + url.pathname.slice(1) + url.search + url.hash);
      } else {
        link.replaceWith(...link.childNodes); // a site without a published address: the words stay
      }
    }
  }

  // "Every answer is on this page under Show answer" is not true on paper: say where they are. (After the
  // links above, because this one already leads inside the book.)
  for (const honesty of answersNote ? document.querySelectorAll(".gb-book-part .gb-honesty") : []) {
    const facts = JSON.parse(honesty.closest("[data-gb-part]").dataset.gbPart);
    honesty.innerHTML = fill(answersNote, { title: facts.title });
  }

  const contents = document.querySelector(".gb-book-contents ol");
  for (const part of parts) {
    const heading = part.querySelector("h1");
    if (!heading) throw new Error(`${part.dataset.gbSource} has no <h1> to list in the contents`);
    const entry = document.createElement("li");
    const link = document.createElement("a");
    link.href = `#${part.id}`;
    link.textContent = heading.textContent.trim();
    const number = document.createElement("span");
    number.className = "gb-book-page";
    entry.append(link, number);
    contents.append(entry);
  }
  return parts.map((part) => part.id);
}
