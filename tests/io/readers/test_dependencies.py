"""The HTML and WARC readers need ``lxml.html.clean`` (through justext, which trafilatura
imports): since lxml 5.2 it lives in the separate ``lxml_html_clean`` package, installed only
when the resolver honours justext's ``lxml[html_clean]`` extra. An install without it must fail
here, not on the first HTML page."""

import importlib


def test_lxml_html_clean_is_installed():
    assert importlib.util.find_spec("lxml_html_clean") is not None
    cleaner = importlib.import_module("lxml.html.clean").Cleaner
    assert callable(cleaner)


def test_html_extraction_stack_imports():
    for name in ("justext", "trafilatura", "warcio", "feedparser"):
        assert importlib.import_module(name) is not None
