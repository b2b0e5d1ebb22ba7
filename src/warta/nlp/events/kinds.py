"""Classes of event types (and of lexicon rows) that the event coder's rules treat alike: acts that embed another
act, acts that view another's, acts done by saying them, acts that happen where their target is."""

from __future__ import annotations

#: acts whose next act is only asked for, threatened or refused (``meminta X mundur``, ``menolak meminta maaf``)
EMBEDDING = frozenset({"REQUEST", "THREATEN", "REJECT"})
#: lexicon rows of acts that coordinated doers do together, not to each other: ``China dan Rusia mendukung …``,
#: ``Golkar, PAN, dan Hanura mengusung …`` (events-id/train gives all of them as sources); two who sign a pact
#: (``menandatangani``) do it to each other
JOINT_ROWS = frozenset({"dukung", "usung"})
#: lexicon rows of other types that embed the next act likewise: an invitation asks for it (``mengundang X
#: berkunjung ke Moskow``: no visit yet), an accusation alleges it (``menuduh X menyerang warga``: events-id codes
#: only the accusation, dev-0356 and train-1148)
EMBEDDING_ROWS = frozenset({"undang", "tuduh", "tuding"})
#: acts whose object may be another act, done by someone else (``mengecam penangkapan``, ``mendukung invasi``)
VIEWS = frozenset({"ACCUSE", "REJECT", "PROTEST", "REQUEST", "SUPPORT"})
#: lexicon rows of agreeing to an act, which commits to doing it (``menyetujui gencatan senjata``: the approvers')
COMMITS = frozenset({"setuju", "sepakat"})
#: nominal acts that, after a view, state the viewer's own claim (``menilai ada kecurangan``: the speaker accuses)
CLAIMS = frozenset({"ACCUSE", "REJECT", "THREATEN"})
#: rules whose rejection the model cannot overturn: a condition, an order, an obligation, what a request asks for and what is
#: discussed (a topic), what a document is about or what a suspect is charged with state no event
NEVER = frozenset({"conditional", "imperative", "obligation", "requested", "topic", "document", "label"})
#: cooperative acts that, announced for the future, are promises (AGREE with ``future``)
PROMISABLE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
#: acts done by saying them: inside a quote with no subject of its own, the speaker is the source
SPEECH_ACTS = frozenset({"ACCUSE", "REQUEST", "REJECT", "THREATEN", "AGREE", "SUPPORT", "CONCEDE"})
#: Acts that happen where their target is when it is a place (an attack on a city, aid to a region; a visit, by its
#: mode): events-id/train annotates a target as the place only for these. Other acts (a statement, a sanction, a
#: meeting with a country, an arrest of its citizens) took none of their 10 such places right there.
AT_TARGET = frozenset({"ASSAULT", "AID"})
#: Acts aimed at the subject of their complement clause ("meminta agar X …", "menuduh bahwa X …").
DIRECTIVES = frozenset({"REQUEST", "ACCUSE"})
