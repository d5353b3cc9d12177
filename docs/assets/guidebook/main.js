/* The entry every page loads (mkdocs.yml's extra_javascript). As written here it starts the core, which
 * loads each kind's module as a page needs it; the finishing step (macros/finish.py) replaces it in the
 * published site with one file: this entry, the core and the kinds every chapter page has, bundled. */

import { start } from "./core.js";

start();
