from hypothesis import given, settings
from hypothesis import strategies as st

from warta.nlp.normalize import normalize, substitute_char

ARTEFACTS = ["orang -orang", "anak -anak", "ke -80", "kata ,", " .", "\u00a0", "“", "”", "‘", "’", "\r\n",
             "  ", "\u200b", "( ", " )", "\t", "\n ", " \n", "\u00ad", "-", '"', "x", "Rusia", ",", "."]


def check_alignment(text: str) -> None:
    norm, al = normalize(text)
    # every normalised character comes from the aligned original one
    origs = [al.orig(i) for i in range(len(norm))]
    assert origs == sorted(set(origs)), "alignment must be strictly increasing"
    for i, o in enumerate(origs):
        assert norm[i] == substitute_char(text[o])
    # every span maps back to a slice that, with the deleted characters removed, is the span
    kept = set(origs)
    for s in range(0, len(norm) + 1, max(1, len(norm) // 7 or 1)):
        for e in range(s, len(norm) + 1, max(1, len(norm) // 5 or 1)):
            a, b = al.span(s, e)
            assert 0 <= a <= b <= len(text)
            rebuilt = "".join(substitute_char(text[k]) for k in range(a, b) if k in kept)
            assert rebuilt == norm[s:e]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ARTEFACTS) | st.text(max_size=4), max_size=30).map("".join))
def test_spans_on_normalised_text_map_back_exactly(text):
    check_alignment(text)


def test_repairs_machine_translation_artefacts():
    norm, _ = normalize("orang -orang dan anak -anak pada peringatan ke -80 , kata  dia .")
    assert norm == "orang-orang dan anak-anak pada peringatan ke-80, kata dia."


def test_quotes_spaces_and_line_ends():
    norm, al = normalize("“Ya,”\u00a0kata ‘dia’\r\nBaris ( dua )")
    assert norm == "\"Ya,\" kata 'dia'\nBaris (dua)"
    start = norm.index("Baris")
    assert al.span(start, start + 5) == (18, 23)


def test_identity_when_clean():
    text = "Presiden Rusia dan pemimpin Korea Utara bertemu."
    norm, al = normalize(text)
    assert norm == text and al.span(0, len(text)) == (0, len(text))


def test_alignment_serialises():
    from warta.nlp.normalize import Alignment

    _, al = normalize("a  b -c")
    assert Alignment.from_data(al.to_data()) == al
