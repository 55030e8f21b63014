"""Speaker labels of official transcripts, in any of the formats governments publish.

    Sergueï Lavrov : ...            (MFA, French)       Question : ...
    SECRETARY BLINKEN:  ...         (State Department)  QUESTION:  ...
    THE PRESIDENT:  ...             (White House)       Q  Mr. President, ...   (a bare Q, no colon)
    PRIME MINISTER KISHIDA:  (As interpreted.) ...      MODERATOR:  ...
    LE PRÉSIDENT DE LA RÉPUBLIQUE : ...                 M. PRICE : ...

A label is read into who speaks: a journalist, a moderator or interpreter, or a person given by
title and/or name. The words are data (one list of titles for every format); nothing here knows a
particular transcript.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from crosscheck.text.normalize import word_key

# Labels of a reporter's turn.
JOURNALIST_LABELS = frozenset(word_key(w) for w in """
q question questions journaliste journalist journalists reporter reporters participant audience press
""".split())
# Labels of people who run the session or translate it: neither the principal nor the press.
MODERATOR_LABELS = frozenset(word_key(w) for w in """
moderator modérateur modératrice moderatrice operator interpreter interprète interprete staff
announcer présentateur présentatrice host
""".split())
# Title words that may open a label or a name: honorifics and offices, English and French. One list
# for speaker labels, name extraction and name comparison ("PRESIDENT BIDEN", "Foreign Minister
# Lavrov", "H.E. Scholz", "le ministre des Affaires étrangères Sergueï Lavrov").
HONORIFICS = frozenset(word_key(w) for w in """
m mm mme mmes mlle mr mrs ms messrs dr pr prof monsieur madame sir lord lady dame he h.e hon
excellency excellence majesty majesté highness altesse his her son sa
père abbé frère sœur soeur father rev reverend révérend monseigneur mgr rabbi rabbin imam pastor pasteur
""".split())
OFFICE_WORDS = frozenset(word_key(w) for w in """
president président présidente vice prime premier minister ministre ministers secretary secrétaire
chancellor chancelier chancelière chairman chairwoman chair leader dirigeant chief chef spokesman
spokeswoman spokesperson porte-parole ambassador ambassadeur ambassadrice envoy émissaire governor
gouverneur mayor maire senator sénateur sénatrice representative congressman congresswoman admiral
amiral general général commander commandant colonel king roi queen reine prince princesse emperor
empereur sheikh emir émir sultan pope pape deputy adjoint adjointe foreign state defense defence
national security press white house of the de la du des l le les affaires étrangères etrangeres
république republique republic federation fédération affairs external
""".split())
# Words that end the name written after a title ("President Biden Before Marine One Departure").
NOT_AFTER_TITLE = frozenset(word_key(w) for w in """
before after at in on with and to for from during following upon about by of the de du des la le les
à au aux avec pour sur lors après avant en et on s
""".split())
_LABEL_WORD = re.compile(r"[^\W\d_][\w’'.\-]*")


@dataclass(frozen=True)
class Speaker:
    """Who a transcript label says is speaking."""

    label: str  # as written, without the colon
    role: str  # "journalist" | "moderator" | "person"
    title: str | None  # the title words in front ("Secretary", "Prime Minister"), title-cased
    name: str | None  # the name words ("Blinken", "Sergueï Lavrov"), title-cased when shouted

    @property
    def display(self) -> str:
        """What the report shows: "Question", "Moderator", "Secretary Blinken", "Sergueï Lavrov"."""
        if self.role == "journalist":
            return "Question"
        if self.role == "moderator":
            return self.label.title() if self.label.isupper() else self.label
        if self.name and self.title:
            return f"{self.title} {self.name}"
        return self.name or (self.title or self.label)


def _case(word: str) -> str:
    """A shouted word in the case a name is written: "BLINKEN" -> "Blinken", "JEAN-PIERRE" -> "Jean-Pierre"."""
    if word.isupper() and len(word) > 1:
        return "-".join(p[:1] + p[1:].lower() for p in word.split("-"))
    return word


def read_label(label: str) -> Speaker:
    """Read a speaker label (the text before the colon, or a bare "Q")."""
    label = label.strip().rstrip(":").strip()
    words = _LABEL_WORD.findall(label)
    keys = [word_key(w.rstrip(".")) for w in words]
    if not words:
        return Speaker(label, "person", None, label or None)
    if keys[0] in JOURNALIST_LABELS and len(words) <= 2:
        return Speaker(label, "journalist", None, None)
    if keys[0] in MODERATOR_LABELS or (len(keys) > 1 and keys[-1] in MODERATOR_LABELS and keys[0] in ("the", "le", "la")):
        return Speaker(label, "moderator", None, None)
    i = 0
    if keys[0] in ("the", "le", "la", "l"):
        i = 1
    j = i
    while j < len(words) and (keys[j] in OFFICE_WORDS or keys[j] in HONORIFICS):
        j += 1
    title_words = [_case(w) for w in words[i:j] if word_key(w.rstrip(".")) not in ("the", "le", "la", "l")]
    name_words = [_case(w) for w in words[j:]]
    title = " ".join(title_words) or None
    name = " ".join(name_words) or None
    if title and title.isupper():
        title = title.title()
    return Speaker(label, "person", title, name)


def is_journalist_label(label: str | None) -> bool:
    if not label:
        return False
    return read_label(label).role == "journalist"


def office_only(speaker: str) -> frozenset[str] | None:
    """The office words of a speaker named by office alone ("the Prime Minister", "le président",
    "spokesperson"), or None when the words name a person."""
    keys = [word_key(w.rstrip(".")) for w in speaker.split()]
    keys = [k for k in keys if k not in ("the", "le", "la", "l")]
    if not keys or not all(k in OFFICE_WORDS or k in HONORIFICS for k in keys):
        return None
    return frozenset(keys) - HONORIFICS or None
