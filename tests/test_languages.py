"""Any language: the interface's words come from macros/strings/<theme.language>.yml.

The Spanish fixture (tests/fixtures/spanish/) is the demo guidebook as a fork in Madrid would publish it.
It is used in a real Chromium (tick, check, score, progress, export, print), and no English sentence of
ours may appear on its pages, in the script's dialogs or in the file it exports. The translation files
themselves are checked like data: same keys, same placeholders, plural forms that Intl knows.
"""

import json
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from bs4 import BeautifulSoup
from pypdf import PdfReader

from helpers import (AXE_OPTIONS, PRINT_STUB, blank_field, demo_choice, english_sentences, item_box, leaks,
                     make_fixture_project, mkdocs_build, print_guidebook)
from macros import strings

STRINGS = Path(strings.__file__).parent / "strings"


@pytest.fixture(scope="module")
def spanish(tmp_path_factory, serve):
    root = tmp_path_factory.mktemp("spanish")
    server = serve(root / "site")
    project = make_fixture_project("spanish", root / "project")
    result = mkdocs_build(project, root / "site", SITE_URL=server.url)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return server.url


def test_every_language_file_has_every_key_and_placeholder():
    for path in sorted(STRINGS.glob("*.yml")):
        words, problems = strings.load_words(path.stem)
        assert problems == [], f"{path.name}:\n" + "\n".join(problems)
        assert words.language == path.stem


def test_a_translation_problem_is_named_and_english_fills_the_gap(tmp_path):
    (tmp_path / "en.yml").write_text("parts:\n  read_more: 'Read: {section}'\n  reset: Reset\n", "utf-8")
    (tmp_path / "es.yml").write_text("parts:\n  read_more: 'Lee más: {seccion}'\n  resett: Vaciar\n", "utf-8")
    words, problems = strings.load_words("es", tmp_path)
    assert words("parts.reset") == "Reset"
    assert any("lacks 'parts.reset'" in problem for problem in problems)
    assert any("'parts.read_more' must use the placeholders ['section']" in problem for problem in problems)
    assert any("has 'parts.resett', which English does not" in problem for problem in problems)
    _, problems = strings.load_words("fr", tmp_path)
    assert problems and "There is no macros/strings/fr.yml" in problems[0]


def test_a_missing_translation_fails_the_strict_build(tmp_path):
    project = make_fixture_project("spanish", tmp_path / "project")
    es = project / "macros" / "strings" / "es.yml"
    es.write_text(es.read_text("utf-8").replace("  show_answer: Ver la respuesta\n", ""), "utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "macros/strings/es.yml lacks 'knowledge_check.show_answer'" in result.stderr, result.stderr


def test_the_spanish_site_speaks_spanish_throughout(spanish, open_page, tmp_path):
    page = open_page("chapters/demo/", base=spanish, init_script=PRINT_STUB, accept_downloads=True)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    assert page.get_attribute("html", "lang") == "es"
    page.check(item_box("write-goal"))
    assert page.inner_text("#gb-demo-first-steps .gb-status") == "Hechas: 1 de 3"
    page.click("#gb-demo-first-steps [data-gb-action='reset']")
    assert dialogs == ["¿Quitar todas tus marcas de «Primeros pasos»?"]
    page.check(demo_choice("single-one-event"))
    page.check(demo_choice("multi-one-conference"))
    page.check(demo_choice("multi-one-nap"))
    page.click("#gb-demo-quiz [data-gb-action='check']")
    assert page.inner_text("#gb-demo-quiz .gb-score").startswith("Has acertado 0 de 2.")
    assert "Has elegido 1 de las 2 respuestas correctas y 1 incorrectas." in page.inner_text("#gb-demo-quiz .gb-feedback >> nth=1")
    page.check("#gb-demo-where-you-stand [data-gb-statement='know-goal'] input[value='2']")
    page.check("#gb-demo-where-you-stand [data-gb-statement='attend-events'] input[value='2']")
    page.click("#gb-demo-where-you-stand [data-gb-action='score']")
    result = page.inner_text("#gb-demo-where-you-stand .gb-result")
    # "Sí" on a yes/no statement weighs as much as "Siempre" on a four-answer one: (3 + 1) of (3 + 3) points.
    # Intl writes Spanish percentages with a space before the sign.
    assert "Tu resultado: Buen ritmo, 67\u00a0% (4 de 6 puntos" in result, result
    page.click("#gb-demo-where-you-stand [data-gb-action='print-result']")
    page.emulate_media(media="print")
    assert "Resultado impreso el " in page.inner_text("#gb-print-sheet")
    assert re.search(r"\d+ de [a-z]+ de \d{4}", page.inner_text("#gb-print-sheet")), "a date written in Spanish"
    chapter_text = page.inner_text("body")
    page.emulate_media(media="screen")

    progress = open_page("progress/", base=spanish, context=page.context)
    assert progress.inner_text("tr[data-gb-chapter='demo'] [data-gb-col='knowledge_check']").startswith("0 de 2 aciertos (")
    with progress.expect_download() as download:
        progress.click("[data-gb-action='export']")
    assert download.value.suggested_filename.startswith("guia-de-contactos-profesionales-progress-")
    exported = Path(download.value.path()).read_text("utf-8")
    assert json.loads(exported)["format"] == "guia-de-contactos-profesionales-progress"
    path = tmp_path / "progreso.json"
    path.write_text(exported, "utf-8")
    progress.set_input_files("[data-gb-import]", str(path))
    progress.wait_for_selector(".gb-import-choice:not([hidden])")
    progress.click("[data-gb-action='import']")
    assert progress.inner_text(".gb-message") == "Se han cargado 3 partes guardadas."

    toolkit = open_page("toolkit/", base=spanish, context=page.context)
    assert toolkit.inner_text("#gb-you legend") == "Tus datos"
    toolkit.fill("#gb-you input[data-gb-blank='your_name']", "Lucía")
    toolkit.fill(blank_field("#gb-demo-connection-note", "their_name"), "Marta")
    assert toolkit.inner_text("#gb-demo-connection-note .gb-text") == "Hola, Marta: soy Lucía y trabajo en [análisis de datos]. ¿Conectamos?"
    assert toolkit.inner_text("#gb-demo-connection-note .gb-count") == "67 de 80 caracteres"  # the unfilled blank counts without its brackets
    texts = {"toolkit": toolkit.inner_text("body"), "chapter": chapter_text, "progress": progress.inner_text("body"), "dialogs": "\n".join(dialogs),
             "export": exported}
    for path in ("", "workbook/"):
        other = open_page(path, base=spanish, context=page.context)
        texts[path or "home"] = other.inner_text("body")
    found = {where: leaks(text) for where, text in texts.items() if leaks(text)}
    assert not found, f"English on the Spanish site: {found}"


@pytest.mark.browser  # Chromium prints it (macros.pdf)
def test_the_spanish_guidebook_prints_as_a_pdf_in_spanish(tmp_path):
    project = make_fixture_project("spanish", tmp_path / "project")
    site_dir = tmp_path / "site"
    built = mkdocs_build(project, site_dir, SITE_URL="https://example.org/guia/")
    assert built.returncode == 0, built.stderr
    result = print_guidebook(site_dir)
    assert result.returncode == 0, result.stderr
    pdf = PdfReader(site_dir / "guidebook.pdf")
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pdf.pages))
    assert text.startswith("Guía de contactos profesionales ")
    for spanish_words in ("Impresa desde https://example.org/guia/", "Índice", "Respuestas de los cuestionarios",
                          "Las respuestas están al final de la guía", "Las palabras entre corchetes son ejemplos"):
        assert spanish_words in text
    assert leaks(text) == [], "English in the Spanish PDF"
    assert pdf.trailer["/Root"]["/Lang"] == "es"
    for page in ("index.html", "workbook/index.html"):
        link = BeautifulSoup((site_dir / page).read_text("utf-8"), "html.parser").select_one("[data-gb-pdf] a")
        assert link.get_text() == f"Descargar la guía (PDF, {len(pdf.pages)} páginas)"


def test_an_english_export_is_refused_by_a_spanish_guidebook(spanish, open_page, tmp_path):
    english = {"format": "networking-guidebook-progress", "version": 1, "site": spanish, "entries": {}}
    path = tmp_path / "progress.json"
    path.write_text(json.dumps(english), "utf-8")
    progress = open_page("progress/", base=spanish)
    progress.set_input_files("[data-gb-import]", str(path))
    progress.wait_for_function("document.querySelector('.gb-message').textContent !== ''")
    assert progress.inner_text(".gb-message").startswith("Este archivo no es un progreso guardado de esta guía")


@pytest.mark.parametrize("path", ["", "chapters/demo/", "toolkit/", "workbook/", "progress/"])
def test_no_axe_violations_on_the_spanish_pages(spanish, open_page, path):
    page = open_page(path, base=spanish)
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def test_the_english_sentences_list_is_what_it_claims():
    sentences = english_sentences()
    assert "changed since you ticked it" in sentences
    assert leaks("Tu resultado: Empezando") == []
    assert leaks("You did not choose an answer.") == ["You did not choose an answer"]
