"""How the browser tests find their Chromium: $CHROMIUM_PATH first, then the usual places."""

import chromium


def test_an_explicit_path_wins(monkeypatch, tmp_path):
    browser = tmp_path / "my-chromium"
    browser.write_text("#!/bin/sh\n")
    monkeypatch.setenv("CHROMIUM_PATH", str(browser))
    assert chromium.find_chromium() == str(browser)


def test_an_explicit_path_that_does_not_exist_is_not_silently_replaced(monkeypatch, tmp_path):
    monkeypatch.setenv("CHROMIUM_PATH", str(tmp_path / "missing"))
    assert chromium.find_chromium() is None


def test_the_usual_places_are_searched_in_order(monkeypatch, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    second.write_text("")
    monkeypatch.delenv("CHROMIUM_PATH", raising=False)
    monkeypatch.setattr(chromium, "USUAL_PATHS", (str(first), str(second)))
    assert chromium.find_chromium() == str(second)
    first.write_text("")
    assert chromium.find_chromium() == str(first)
