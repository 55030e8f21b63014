"""People: the name mentions of an article resolved against the record's people, the name findings
(variant, misspelling, absent) and the people groups of the whole corpus."""
from __future__ import annotations

from typing import TYPE_CHECKING

from dataclasses import dataclass

from crosscheck.checks.align import language_of
from crosscheck.checks.facts.context import _reference_extent
from crosscheck.model import Alignment, Finding, PersonForm, PersonGroup, Severity, Source, Span
from crosscheck.text.names import word_letters, NameMention, Person, PersonIndex, Resolution, find_names, name_skeleton
from crosscheck.text.normalize import tokenize

if TYPE_CHECKING:
    from crosscheck.checks.record import Record



@dataclass
class NameUse:
    """One name mention of a source and what it resolved to."""

    source: str
    mention: NameMention
    resolution: Resolution | None  # None: absent from the record


def resolve_names(source: Source, ctx: Record) -> list[NameUse]:
    text = source.text
    mentions = find_names(text, known=ctx.people)
    uses: list[NameUse] = []
    local = PersonIndex()  # people this article names in full but the record does not
    full_ids: set[int] = set()
    for m in mentions:
        if m.full:
            r = ctx.people.resolve_full(m.words)
            if r is not None:
                full_ids.add(id(r.person))
    for m in mentions:
        if m.full:
            r = ctx.people.resolve_full(m.words)
            if r is None:
                local.add(m.words)
        else:
            r = ctx.people.resolve_single(m.words[0], m.initial, bool(m.title or m.initial or m.cue == "verb"), frozenset(full_ids))
            if r is None and local.resolve_single(m.words[0], m.initial, True) is not None:
                r = None  # a titled surname of someone the article named in full: absent with them
            elif r is None and m.cue == "known":
                continue
        uses.append(NameUse(source.id, m, r))
    return uses


def name_findings(source: Source, uses: list[NameUse], ctx: Record) -> list[Finding]:
    """One finding per distinct spelling in the article (at its first use; others in ``occurrences``)."""
    # "Poutine" in a French article on an English record: an exonym, not a typo
    other_language = None not in (langs := (language_of(source), ctx.language)) and langs[0] != langs[1]
    by_form: dict[str, list[NameUse]] = {}
    for u in uses:
        by_form.setdefault(u.mention.text, []).append(u)
    out = []
    for us in by_form.values():
        u = us[0]
        m, r = u.mention, u.resolution
        occ = [[x.mention.start, x.mention.end] for x in us]
        if r is None:
            out.append(Finding(
                kind="name", verdict="absent", severity="info", source=source.id,
                span=Span(m.start, m.end, m.text),
                message=f"{m.text} is not named in the record (mentioned by the article only).",
                person=m.name, occurrences=occ))
            continue
        if r.verdict == "match" or _aliased(m.name, r.expected, ctx):
            continue  # the record's spelling, or one the corpus declares the same ([aliases] Putin = ["Poutine"])
        where = ctx.first_spelling(r.person)
        severity: Severity
        verdict = r.verdict
        if r.verdict == "variant" and word_letters(m.words) != word_letters(tuple(r.expected.split())):
            severity, msg = "info", (f"“{m.name}” is the record's “{r.expected}” in the other order "
                                     f"(given name first or family name first).")
        elif r.verdict == "variant":
            severity, msg = "info", (f"“{m.name}” differs from the record's “{r.expected}” only in typography "
                                     f"(hyphens, spaces, case or accents).")
        elif other_language and name_skeleton(m.name) == name_skeleton(r.expected):
            verdict, severity, msg = "variant", "info", (f"“{m.name}” is spelled “{r.expected}” in the record, which is in another "
                                     f"language than the article: the same name as that language writes it.")
        else:
            severity, msg = "warning", (f"“{m.name}” is spelled “{r.expected}” in the record: the letters differ "
                                        f"(a typo or another romanisation of {r.person.canonical}).")
        out.append(Finding(
            kind="name", verdict=verdict, severity=severity, source=source.id, span=Span(m.start, m.end, m.text),  # type: ignore[arg-type]  # "match" skipped above
            message=msg, reference=where[0] if where else None, reference_span=where[1] if where else None,
            expected=r.expected, person=r.person.canonical, occurrences=occ))
    return out


def _aliased(name: str, expected: str, ctx: Record) -> bool:
    """Two spellings the corpus's [aliases] make one, and only they (not mere typography)."""
    def key(n: str, aliased: bool) -> str:
        tokens = tokenize(n)
        return "_".join(t.key for t in (ctx.aliases.apply(tokens) if aliased else tokens))
    return key(name, True) == key(expected, True) and key(name, False) != key(expected, False)


def escalate_absent(source: Source, alignments: list[Alignment], uses: list[NameUse],
                    ctx: Record, findings: list[Finding]) -> None:
    """A person the record lacks, named where the aligned record sentence names someone else, is more
    than context: the article may have put the wrong person in the recorded statement. Raises that
    ``absent`` finding (in ``findings``) to a warning with the record's person as ``expected``."""
    for a in alignments:
        if a.source != source.id or a.reference is None or a.reference_span is None:
            continue
        inside = [u for u in uses if a.span.start <= u.mention.start < a.span.end]
        named = {id(u.resolution.person) for u in inside if u.resolution}
        rstart, rend, _ = _reference_extent(ctx, a)
        ref_people = []
        for m in ctx.mentions.get(a.reference, []):
            if rstart <= m.start < rend:
                r = ctx.people.resolve_full(m.words) if m.full else ctx.people.resolve_single(m.words[0], m.initial, False)
                if r is not None and id(r.person) not in named:
                    ref_people.append((m, r.person))
        if not ref_people:
            continue
        for u in inside:
            if u.resolution is not None:
                continue
            for f in findings:
                if f.kind == "name" and f.verdict == "absent" and f.source == source.id and f.span.text == u.mention.text:
                    rm, person = ref_people[0]
                    f.severity = "warning"
                    f.expected = person.canonical
                    f.reference = a.reference
                    f.reference_span = Span(rm.start, rm.end, rm.text)
                    f.message = (f"{u.mention.text} is not named in the record; the record sentence this one "
                                 f"follows names {person.canonical} instead.")


def people_groups(ctx: Record, uses: list[NameUse]) -> list[PersonGroup]:
    """One entry per person: every spelling, its verdict, and which sources use it.

    People the record names come first (in the record's order), then people only the press names,
    joined across articles by the same name matching (``Sergueï Choïgou`` in two articles is one person).
    """
    groups: dict[tuple[bool, str], dict] = {}
    order: list[tuple[bool, str]] = []

    def group_for(person: Person, in_reference: bool) -> dict:
        # keyed by name, not object: per-article results come back from other processes or a cache
        key = (in_reference, person.canonical if in_reference else str(id(person)))
        if key not in groups:
            groups[key] = {"name": person.canonical, "in_reference": in_reference, "forms": {}}
            order.append(key)
        return groups[key]

    used = {id(u.resolution.person) for u in uses if u.resolution is not None}
    for ref_id, ms in ctx.mentions.items():
        for m in ms:
            r = ctx.people.resolve_full(m.words) if m.full else ctx.people.resolve_single(m.words[0], m.initial, True)
            if r is not None and r.person.loose and id(r.person) not in used:
                continue  # a name the record gives without a cue, which no article uses: not listed
            if r is not None:
                _add_form(group_for(r.person, True), m.text, "match", ref_id)
    absent = PersonIndex()
    pending_single = []
    for u in uses:
        if u.resolution is not None:
            _add_form(group_for(u.resolution.person, True), u.mention.text, u.resolution.verdict, u.source)
        elif u.mention.full:
            res = absent.resolve_full(u.mention.words)
            person = res.person if res else absent.add(u.mention.words)
            _add_form(group_for(person, False), u.mention.text, "absent", u.source)
        else:
            pending_single.append(u)
    for u in pending_single:
        res = absent.resolve_single(u.mention.words[0], u.mention.initial, True)
        person = res.person if res else absent.add(u.mention.words)
        _add_form(group_for(person, False), u.mention.text, "absent", u.source)
    out = []
    for gid in order:
        g = groups[gid]
        if not g["in_reference"]:
            g["name"] = max(g["forms"], key=lambda f: (sum(g["forms"][f]["sources"].values()), len(f)))
        forms = [PersonForm(f, v["verdict"], v["sources"]) for f, v in g["forms"].items()]
        sources = sorted({s for f in forms for s in f.sources})
        out.append(PersonGroup(g["name"], g["in_reference"], forms, sources))
    return out


def _add_form(group: dict, form: str, verdict: str, source: str) -> None:
    entry = group["forms"].setdefault(form, {"verdict": verdict, "sources": {}})
    entry["sources"][source] = entry["sources"].get(source, 0) + 1
