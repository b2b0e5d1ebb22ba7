"""One-line English summaries of coded events."""

from __future__ import annotations

VERBS = {
    "AGREE": "expressed willingness to cooperate with", "CONSULT": "held talks with",
    "SUPPORT": "expressed support for", "CONCEDE": "made a concession to", "COOPERATE": "cooperated with",
    "AID": "provided aid to", "RETREAT": "made a material concession to", "REQUEST": "made a request to",
    "ACCUSE": "accused", "REJECT": "rejected", "THREATEN": "threatened", "PROTEST": "protested against",
    "SANCTION": "imposed sanctions on", "MOBILIZE": "mobilised forces against", "COERCE": "coerced",
    "ASSAULT": "attacked",
}
MODE_VERBS = {
    ("CONSULT", "visit"): "visited", ("CONSULT", "phone"): "spoke by phone with",
    ("ACCUSE", "investigate"): "investigated", ("ACCUSE", "disapprove"): "criticised",
    ("ACCUSE", "allege"): "accused", ("COERCE", "arrest"): "arrested", ("COERCE", "seize"): "seized assets of",
    ("COERCE", "restrict"): "used coercion against", ("SANCTION", "convict"): "convicted",
    ("SANCTION", "expel"): "expelled", ("RETREAT", "withdraw"): "withdrew forces from",
    ("RETREAT", "release"): "released", ("RETREAT", "resign"): "resigned",
    ("PROTEST", "strike"): "went on strike against", ("PROTEST", "boycott"): "boycotted",
    ("ASSAULT", "crowd-control"): "used crowd-control force against",
    ("THREATEN", "violence"): "threatened violence against",
}
INTRANSITIVE = {"CONSULT": "held talks", "PROTEST": "protested", "MOBILIZE": "mobilised forces",
                "ASSAULT": "carried out an attack", "RETREAT": "made a material concession",
                "CONCEDE": "made a concession", "AGREE": "expressed willingness to cooperate",
                "REQUEST": "made a request", "COERCE": "used coercion", "REJECT": "rejected a proposal",
                "THREATEN": "issued a threat", "SANCTION": "imposed sanctions", "ACCUSE": "made an accusation",
                "SUPPORT": "expressed support", "AID": "provided aid", "COOPERATE": "cooperated"}


def actor_text(actors: list[dict]) -> str:
    parts = []
    for a in actors:
        code = " ".join(x for x in (a.get("country"), a.get("sector")) if x)
        parts.append(f"{a['name']} ({code})" if code else a["name"])
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def summary_en(ev: dict) -> str:
    """``Vladimir Putin (RUS GOV) held talks with Kim Jong Un (PRK GOV) in Beijing on 2025-09-03``."""
    key = (ev["type"], ev.get("mode"))
    src = actor_text(ev["source"]) or "Someone"
    if ev["target"]:
        verb = MODE_VERBS.get(key) or VERBS[ev["type"]]
        text = f"{src} {verb} {actor_text(ev['target'])}"
    else:
        text = f"{src} {MODE_VERBS.get(key) or INTRANSITIVE[ev['type']]}"
    if ev.get("negated"):
        text = "Not: " + text
    elif ev.get("future"):
        text = "Planned: " + text
    elif ev.get("hypothetical"):
        text = "Possibly: " + text
    if ev.get("location"):
        text += f" in {ev['location']['name']}"
    if ev.get("date"):
        text += f" on {ev['date']}" if ev.get("date_precision") == "day" else f" in {ev['date']}"
    return text
