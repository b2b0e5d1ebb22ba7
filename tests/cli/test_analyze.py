import json
import subprocess
import sys

from typer.testing import CliRunner

from tests.conftest import ARTICLE_TXT
from warta.cli import app
from warta.io.document_json import validate_document

runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, list(args), input=input)


def test_version():
    res = run("--version")
    assert res.exit_code == 0 and res.stdout.startswith("warta ")


def test_analyze_json_is_schema_valid(article_txt):
    res = run("analyze", "--json", "--today", "2026-11-25", str(article_txt))
    assert res.exit_code == 0, res.output
    (line,) = res.stdout.strip().splitlines()
    doc = json.loads(line)
    assert validate_document(doc) == []
    assert doc["title"].startswith("Menlu Bertemu") and doc["published"] == "2024-02-12"
    assert doc["text"] == ARTICLE_TXT
    for s in doc["sentences"]:
        assert doc["text"][s["start"]:s["end"]] == s["text"]
    for entity in doc["entities"]:
        for m in entity["mentions"]:
            assert doc["text"][m["start"]:m["end"]] == m["text"]
    for q in doc["quotes"]:
        assert doc["text"][q["start"]:q["end"]] == q["text"]


def test_exit_code_1_when_some_inputs_fail_and_the_rest_still_run(tmp_path, article_txt):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "A", "text": "Presiden bertemu menteri di Jakarta kemarin dan mereka membahas anggaran."}\n{oops\n')
    res = run("analyze", "--jsonl", str(bad), str(article_txt), str(tmp_path / "missing.txt"))
    assert res.exit_code == 1
    assert len(res.stdout.strip().splitlines()) == 2
    assert f"{bad}:line 2: malformed JSON" in res.stderr
    assert "missing.txt: no such file or directory" in res.stderr


def test_usage_errors_exit_2(article_txt):
    assert run("analyze", "--format", "pdf", str(article_txt)).exit_code == 2
    assert run("analyze").exit_code == 2
    assert run("analyze", "--json", "--pretty", str(article_txt)).exit_code == 2
    assert run("frobnicate").exit_code == 2


def test_stdin_and_out_file(tmp_path):
    out = tmp_path / "o.jsonl"
    res = run("analyze", "--out", str(out), "-", input=ARTICLE_TXT)
    assert res.exit_code == 0, res.output
    assert json.loads(out.read_text())["source"]["path"] == "-"
    assert not list(tmp_path.glob("*.part"))


def test_identical_articles_analysed_once(tmp_path, article_txt):
    copy = tmp_path / "copy.txt"
    copy.write_text(ARTICLE_TXT, encoding="utf-8")
    res = run("analyze", "--json", str(article_txt), str(copy))
    assert res.exit_code == 0
    assert len(res.stdout.strip().splitlines()) == 1
    assert "analysed once" in res.stderr


def test_other_languages_are_reported_and_skipped(tmp_path):
    en = tmp_path / "en.txt"
    en.write_text("Leaders meet\n\nThe president met the prime minister on Wednesday to discuss trade and security.")
    res = run("analyze", "--json", str(en))
    assert res.exit_code == 0 and res.stdout.strip() == ""
    assert "skipped: language 'en'" in res.stderr
    res = run("analyze", "--json", "--lang", "any", str(en))
    assert json.loads(res.stdout)["language"] == "en"


def test_pretty_view(article_txt):
    res = run("analyze", "--pretty", str(article_txt))
    assert res.exit_code == 0
    assert "Menlu Bertemu" in res.stdout and "2024-02-12" in res.stdout and "sentences" in res.stdout


def test_console_script_runs(article_txt):
    res = subprocess.run([sys.executable, "-m", "warta.cli", "analyze", "--json", str(article_txt)],
                         capture_output=True, text=True, check=False)
    assert res.returncode == 0 and json.loads(res.stdout)["schema"] == "warta.document/1"


def test_missing_model_stops_with_a_message_naming_it(tmp_path, article_txt):
    from warta.nlp.load import DEFAULT_CONFIG

    cfg = tmp_path / "broken.cfg"
    cfg.write_text(DEFAULT_CONFIG.read_text().replace('model = "warta:models/ner-id"',
                                                     f'model = "{tmp_path / "no-such-model"}"'))
    res = run("analyze", "--json", "--config", str(cfg), str(article_txt))
    assert res.exit_code == 3
    assert "no-such-model" in res.stderr and "component 'ner'" in res.stderr
    assert res.stdout == ""


def test_broken_model_file_is_reported(tmp_path, article_txt):
    import shutil

    from warta.nlp.load import DEFAULT_CONFIG, PACKAGE_DIR

    model = tmp_path / "ner-broken"
    shutil.copytree(PACKAGE_DIR / "models" / "ner-id", model)
    (model / "ner" / "model").write_bytes(b"not a model")
    cfg = tmp_path / "broken.cfg"
    cfg.write_text(DEFAULT_CONFIG.read_text().replace('model = "warta:models/ner-id"', f'model = "{model}"'))
    res = run("analyze", "--json", "--config", str(cfg), str(article_txt))
    assert res.exit_code == 3 and str(model) in res.stderr
