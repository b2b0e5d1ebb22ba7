"""Indonesian abbreviations that end with a full stop but do not end a sentence.

Compared case-sensitively after stripping the final full stop (``Dr.`` → ``Dr``). Single
capital letters (initials such as ``H.`` or ``B.``) are handled by the segmenter itself.
Upper-case degrees (``SH``, ``MA``, ``MM``) are left out on purpose: they collide with acronyms
and initials that end sentences (``… berinisial HT dan MA. Keempatnya …``); written with
inner stops (``S.H.``, ``M.A.``) they are one token and never end a sentence.
"""

from __future__ import annotations

TITLE_ABBREVIATIONS = frozenset(
    ["Dr", "dr", "Drs", "Dra", "Prof", "Ir", "Hj", "KH", "Kh", "Tn", "Ny", "Nn", "Sdr", "Sdri", "Bpk", "Bp", "Pdt", "Rm", "Mgr", "Habib", "Hab", "Jend", "Jenderal", "Letjen", "Mayjen", "Brigjen", "Kol", "Letkol", "Mayor", "Kapt", "Lettu", "Letda", "Serma", "Kombes", "AKBP", "AKP", "Irjen", "Komjen", "Brigjen", "Laksma", "Laksda", "Marsma", "Marsda", "Marsdya", "Laksdya", "Pol", "Purn", "Mr", "Mrs", "Ms", "St"]
)
PLACES = frozenset(["Jl", "Jln", "Gg", "Kav", "Kab", "Kec", "Kel", "Ds", "Prov", "Kep", "Kp", "Rt", "Rw"])
OTHERS = frozenset(
    ["No", "no", "Nomor", "Hlm", "hlm", "hal", "Hal", "Rp", "Tel", "Telp", "telp", "Fax", "Vol", "vol", "Ed", "ed", "Ps", "ps", "Psl", "psl", "ayat", "tgl", "Tgl", "thn", "Thn", "bln", "Bln", "sd", "s.d", "a.n", "an", "u.p", "up", "d.a", "dsb", "dst", "dll", "dkk", "cs", "tsb", "ybs", "yth", "Yth", "Sept", "Agt", "Okt", "Des", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Agu", "Nov", "Ags", "vs", "etc"]
)
#: Abbreviations after which a following capitalised word still continues the sentence.
NON_TERMINAL = TITLE_ABBREVIATIONS | PLACES | OTHERS - {"dll", "dsb", "dst", "dkk", "cs", "etc"}
#: Abbreviations that may end a sentence (a capitalised word after them starts a new one).
MAYBE_TERMINAL = frozenset({"dll", "dsb", "dst", "dkk", "cs", "etc"})
