"""Basing options: can a power base forces in a host country? A verdict with cited reasons.

Knowledge is data, the logic is here. Reasons come from:

- the host's own rules in the pack (a national ban on foreign bases closes the door);
- the rules of alliances the host belongs to (a consensus rule for military partnerships
  with non-members constrains, unless the power is a member too);
- stated positions read from text: REJECT events, negated ``hosts_military_presence`` and
  refusing quotes by the host or its officials close the door; those by third parties about
  the host (or a region holding it), and refusals they report, constrain;
- current foreign presence of another power (constrains) or of the power itself (opens);
- history: the power's past presence, with dates (a precedent).

Verdict: any closing reason -> closed; else any constraint -> constrained; else any
opening reason (the power's forces there now, a standing agreement) -> open; else unknown
(history alone is a precedent, not an opening).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from crossroads import dates
from crossroads.analysis.conflicts import Conflict, conflicts
from crossroads.analysis.context import Citation, Context, pack_citation
from crossroads.analysis.facts import MAX_EVIDENCE, Fact, facts
from crossroads.analysis.resolve import region_members, resolve_entity
from crossroads.exc import NotFound
from crossroads.model import Evidence, fold
from crossroads.pack import Pack, holds_on
from crossroads.store.base import Store
from crossroads.store.stances import MILITARY

__all__ = ["BasingVerdict", "Reason", "basing_options"]

_MILITARY = MILITARY  # (the store keeps the events and quotes it finds: stances.py)
_REFUSAL = re.compile(
    r"\b(impossible|never|not (allow|permit|accept|host)|reject\w*|rul\w* out|"
    r"refus\w*|no (foreign|place for)|will not|won't|cannot)\b",
    re.IGNORECASE,
)
_RULE_EFFECT = (
    ("ban", "closes"),
    ("prohibit", "closes"),
    ("neutral", "closes"),
    ("consensus", "constrains"),
    ("consent", "constrains"),
    ("approv", "constrains"),
)
_ORDER = {"closes": 0, "constrains": 1, "opens": 2, "informs": 3}


@dataclass(frozen=True)
class Reason:
    """One reason behind a verdict, with what it rests on."""

    kind: str
    """'national_rule', 'alliance_rule', 'stated_rejection', 'third_party_rejection',
    'stated_position', 'reported_refusal', 'foreign_presence', 'own_presence', 'history'."""
    effect: str
    """'closes', 'constrains', 'opens' or 'informs'."""
    text: str
    citations: tuple[Citation, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "effect": self.effect,
            "text": self.text,
            "citations": [c.to_dict() for c in self.citations],
        }


@dataclass(frozen=True)
class BasingVerdict:
    """Whether ``power`` could base forces in ``host``, and why."""

    host: str
    host_name: str
    power: str
    power_name: str
    verdict: str
    """'open', 'constrained', 'closed' or 'unknown'."""
    reasons: tuple[Reason, ...]
    conflicts: tuple[Conflict, ...] = ()
    """Where sources disagree about the host's relations (weigh the reasons with them)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "host": self.host,
            "host_name": self.host_name,
            "power": self.power,
            "power_name": self.power_name,
            "verdict": self.verdict,
            "reasons": [r.to_dict() for r in self.reasons],
            "conflicts": [c.to_dict() for c in self.conflicts],
        }


def _rule_effect(kind: str) -> str:
    for cue, effect in _RULE_EFFECT:
        if cue in kind.lower():
            return effect
    return "informs"


def _active(start: str | None, end: str | None, today: str) -> bool:
    return holds_on(start, end, today)


def _believed(f: Fact) -> bool:
    """Facts good enough to reason from: not doubtful or improbable."""
    return not f.negated and f.credibility <= 3


def _fact_cites(f: Fact) -> tuple[Citation, ...]:
    return f.evidence


class _Basing:
    def __init__(
        self, store: Store, pack: Pack | None, power: str, today: str, ctx: Context | None = None
    ):
        self.store, self.pack, self.power, self.today = store, pack, power, today
        self.ctx = ctx or Context(store, pack)
        self._mentions: dict[str, list[Any]] = {}
        self._people: dict[str, set[str]] = {}
        self._stances: tuple[list[Any], list[Any]] | None = None
        self._power_names: tuple[re.Pattern[str] | None, re.Pattern[str] | None] | None = None
        self._named: dict[str, bool] = {}
        self._pack_index: tuple[dict[str, set[str]], dict[str, set[str]]] | None = None
        self._power_in: dict[str, bool] = {}

    # -- helpers -----------------------------------------------------------------------
    def names_power(self, text: str) -> bool:
        """Whether a text names the power (by name, alias or adjective); a reprinted
        sentence is folded and matched once."""
        if text not in self._named:
            self._named[text] = self._names_power(text)
        return self._named[text]

    def _names_power(self, text: str) -> bool:
        if self._power_names is None:  # the names, folded and compiled once per question
            pe = self.pack.get(self.power) if self.pack is not None else None
            ent = self.ctx.entity(self.power)
            names = set(ent.aliases) | {ent.name} if ent else set()
            if pe is not None:
                names |= {pe.name, *pe.aliases, *pe.adjectives}
            # an acronym ('US') must match as written, not as the word 'us'
            acronyms = sorted(re.escape(n) for n in names if n.isupper())
            words = sorted(re.escape(fold(n)) for n in names if not n.isupper() and len(n) > 2)

            def pattern(group: list[str]) -> re.Pattern[str] | None:
                return re.compile(rf"(?<!\w)(?:{'|'.join(group)})(?!\w)") if group else None

            self._power_names = (pattern(acronyms), pattern(words))
        acronym, word = self._power_names
        if acronym is not None and acronym.search(text):
            return True
        return word is not None and bool(word.search(fold(text)))

    def mentioned(self, ev: Evidence) -> set[str]:
        """Entity ids mentioned inside an evidence span."""
        if ev.doc not in self._mentions:
            self._mentions[ev.doc] = self.store.mentions(doc=ev.doc)
        return {m.entity for m in self._mentions[ev.doc] if ev.start <= m.start < ev.end}

    def people_of(self, country: str) -> set[str]:
        """The country itself and whoever holds a position in it (or in its bodies)."""
        if country not in self._people:
            self._people[country] = self._people_of(country)
        return self._people[country]

    def _people_of(self, country: str) -> set[str]:
        bodies = {country} | self.pack_index()[1].get(country, set())
        out = set(bodies)
        for body in bodies:
            for f in facts(
                self.store, body, predicate="holds_position", pack=self.pack, ctx=self.ctx
            ):
                if f.object == body and not f.negated:
                    out.add(f.subject)
        return out

    def regions_of(self, host: str) -> set[str]:
        """The host and the regions the pack or the text puts it in."""
        out = {host}
        if self.pack is not None:
            me = self.pack.get(host)
            sub = fold(str(me.data.get("subregion", ""))) if me is not None else ""
            listing, _bodies = self.pack_index()
            for name in (host, self.ctx.name(host)):
                out |= listing.get(name, set())
            if sub:
                out |= listing.get("\0place:" + sub, set())
            out |= {
                r.object
                for r in self.pack.relations_of(host)
                if r.subject == host and r.predicate in ("located_in", "part_of") and r.object
            }
        out |= {  # one summary row per fact, not every reading
            s.object
            for pred in ("located_in", "part_of")
            for s in self.store.fact_summaries(host, pred)
            if s.subject == host and not s.negated and s.object
        }
        return out

    def pack_index(self) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        """The pack's entities by what hosts are looked up by, read once per question:
        ({listed country or member, or NUL 'place:' folded place name: entity ids},
        {country: its organizations})."""
        if self._pack_index is None:
            listing: dict[str, set[str]] = {}
            bodies: dict[str, set[str]] = {}
            for pe in self.pack.entities.values() if self.pack is not None else ():
                for name in (*pe.data.get("countries", ()), *pe.data.get("members", ())):
                    listing.setdefault(name, set()).add(pe.id)
                if pe.type == "Place":
                    listing.setdefault("\0place:" + fold(pe.name), set()).add(pe.id)
                if pe.type == "Organization" and pe.country:
                    bodies.setdefault(pe.country, set()).add(pe.id)
            self._pack_index = (listing, bodies)
        return self._pack_index

    def power_in(self, alliance: str) -> bool:
        """Whether the power is a member of the alliance now (asked once per alliance)."""
        if alliance not in self._power_in:
            self._power_in[alliance] = any(
                g.subject == self.power and _believed(g) and not g.end
                for g in facts(
                    self.store, self.power, predicate="member_of", pack=self.pack, ctx=self.ctx
                )
                if g.object == alliance
            )
        return self._power_in[alliance]

    # -- reasons -----------------------------------------------------------------------
    def rules(self, host: str) -> list[Reason]:
        out: list[Reason] = []
        if self.pack is None:
            return out
        for rule in self.pack.rules_of(host):
            if not _active(rule.start, rule.end, self.today):
                continue
            effect = _rule_effect(rule.kind)
            if "agreement" in rule.kind:  # a standing basing deal: with this power, or a rival
                effect = "opens" if self.names_power(rule.text) else "constrains"
            out.append(
                Reason(
                    "national_rule",
                    effect,
                    f"{self.ctx.name(host)}: {rule.text}",
                    (pack_citation(rule.text, rule.source),),
                )
            )
        for f in facts(
            self.store, host, predicate="member_of", as_of=None, pack=self.pack, ctx=self.ctx
        ):
            if f.subject != host or not _believed(f) or not f.object:
                continue
            if f.end and f.end[:4] < self.today[:4]:
                continue
            alliance = f.object
            power_in = self.power_in(alliance)
            for rule in self.pack.rules_of(alliance):
                effect = _rule_effect(rule.kind)
                if not _active(rule.start, rule.end, self.today) or effect == "informs":
                    continue
                if power_in:
                    effect = "informs"
                out.append(
                    Reason(
                        "alliance_rule",
                        effect,
                        f"{self.ctx.name(host)} is a member of {self.ctx.name(alliance)}"
                        f"{' (as is ' + self.ctx.name(self.power) + ')' if power_in else ''}"
                        f": {rule.text}",
                        (pack_citation(rule.text, rule.source), *f.evidence[:3]),
                    )
                )
        return out

    def stances(self) -> tuple[list[Any], list[Any]]:
        """What every host's rejections are drawn from, found once per question (it does not
        depend on the host): REJECT events about the power's forces, as (event, entities
        in its sentence, citation, who), and quotes about them by someone not on the power's
        side, as (quote, citation, refusal, who)."""
        if self._stances is not None:
            return self._stances
        power_side = self.people_of(self.power)
        # REJECTs and quotes about forces, kept at write time; of rows alike (a reprinted
        # sentence) only the first few: they give one reason, cited that many times
        stance_events, stance_quotes = self.store.stance_readings(MAX_EVIDENCE)
        rejects = [
            ev
            for ev in stance_events
            if not ev.negated
            and ev.mode == "asserted"
            and ev.actors
            and self.power not in ev.actors
        ]
        quotes = [q for q in stance_quotes if q.speaker is not None and q.speaker not in power_side]
        self.ctx.prefetch([ev.evidence for ev in rejects] + [q.evidence for q in quotes])
        events = []
        span_entities: dict[tuple[str, int, int], set[str]] | None = None
        for ev in rejects:
            cite = self.ctx.cite(ev.evidence)
            if not _MILITARY.search(cite.text):
                continue
            if span_entities is None:  # the entities in every candidate's sentence at once
                span_entities = self.store.span_entities(
                    (e.evidence.doc, e.evidence.start, e.evidence.end)
                    for e in rejects
                    if _MILITARY.search(self.ctx.cite(e.evidence).text)
                )
            span = span_entities.get((ev.evidence.doc, ev.evidence.start, ev.evidence.end), set())
            if not (power_side & (set(ev.targets) | span) or self.names_power(cite.text)):
                continue  # not about the power
            events.append((ev, span, cite, ", ".join(self.ctx.name(a) or a for a in ev.actors)))
        said = []
        for q in quotes:
            cite = self.ctx.cite(q.evidence)  # the paragraph: it may say what the quote is about
            text = f"{q.text} {cite.text}"
            if not _MILITARY.search(text):
                continue
            if not (power_side & set(q.about) or self.names_power(text)):
                continue
            said.append((q, cite, bool(_REFUSAL.search(q.text)), self.ctx.name(q.speaker)))
        self._stances = (events, said)
        return self._stances

    def rejections(self, host: str) -> list[Reason]:
        out = []
        own = self.people_of(host)
        regions = self.regions_of(host)
        events, said = self.stances()
        for ev, span, cite, who in events:
            actors = set(ev.actors)
            if actors & own:
                out.append(
                    Reason(
                        "stated_rejection",
                        "closes",
                        f"{who} ruled out {self.ctx.name(self.power)} forces",
                        (cite,),
                    )
                )
            elif regions & (span | set(ev.targets) | {ev.place}):
                out.append(
                    Reason(
                        "third_party_rejection",
                        "constrains",
                        f"{who} ruled out {self.ctx.name(self.power)} forces in "
                        f"{self.ctx.name(host)} or its region",
                        (cite,),
                    )
                )
        denial = (host, "hosts_military_presence", self.power, None, True)
        for r in self.store.fact_readings([denial])[denial]:
            cite = self.ctx.cite(r.evidence)
            voice = r.attributed_to
            if voice is None or voice in own:
                out.append(
                    Reason(
                        "stated_rejection",
                        "closes",
                        f"{self.ctx.name(host)} does not host {self.ctx.name(self.power)} "
                        f"forces{' (says ' + self.ctx.name(voice) + ')' if voice else ''}",
                        (cite,),
                    )
                )
            else:
                out.append(
                    Reason(
                        "third_party_rejection",
                        "constrains",
                        f"{self.ctx.name(voice)} says {self.ctx.name(host)} will not host "
                        f"{self.ctx.name(self.power)} forces",
                        (cite,),
                    )
                )
        for q, cite, refusal, who in said:
            if q.speaker in own:
                out.append(
                    Reason(
                        "stated_position",
                        "closes" if refusal else "informs",
                        f"{who}: “{q.text}”",
                        (cite,),
                    )
                )
            elif refusal and host in q.about:
                out.append(
                    Reason(
                        "reported_refusal",
                        "constrains",
                        f"{who} reports a refusal concerning {self.ctx.name(host)}: “{q.text}”",
                        (cite,),
                    )
                )
        return out

    def presence(self, host: str) -> list[Reason]:
        out = []
        for f in facts(
            self.store, host, predicate="hosts_military_presence", pack=self.pack, ctx=self.ctx
        ):
            if f.subject != host or not _believed(f) or not f.object:
                continue
            ended = dates.is_partial_date(f.end) and dates.before(f.end, self.today)
            where = f" at {f.qualifiers['place']}" if f.qualifiers.get("place") else ""
            place = self.ctx.name(where[4:]) if where.startswith(" at e:") else None
            where = f" at {place}" if place else where
            period = f" ({f.period})" if f.period else ""
            if f.object == self.power:
                if ended:
                    out.append(
                        Reason(
                            "history",
                            "informs",
                            f"{self.ctx.name(host)} hosted {f.object_name} forces{where}{period}",
                            _fact_cites(f),
                        )
                    )
                else:
                    out.append(
                        Reason(
                            "own_presence",
                            "opens",
                            f"{self.ctx.name(host)} hosts {f.object_name} forces{where}{period}",
                            _fact_cites(f),
                        )
                    )
            elif not ended:
                out.append(
                    Reason(
                        "foreign_presence",
                        "constrains",
                        f"{self.ctx.name(host)} hosts {f.object_name} forces{where}{period}",
                        _fact_cites(f),
                    )
                )
        return out

    def verdict(self, host: str) -> BasingVerdict:
        merged: dict[tuple[str, ...], Reason] = {}
        for r in self.rules(host) + self.rejections(host) + self.presence(host):
            key = (r.kind, r.effect, r.text)  # a reprint gives the same reason another citation
            old = merged.get(key)
            merged[key] = (
                r
                if old is None
                else Reason(  # its first few citations suffice
                    r.kind,
                    r.effect,
                    r.text,
                    (old.citations + tuple(c for c in r.citations if c not in old.citations))[
                        :MAX_EVIDENCE
                    ],
                )
            )
        reasons = list(merged.values())
        reasons.sort(key=lambda r: _ORDER[r.effect])
        effects = {r.effect for r in reasons}
        verdict = (
            "closed"
            if "closes" in effects
            else "constrained"
            if "constrains" in effects
            else "open"
            if "opens" in effects
            else "unknown"
        )
        return BasingVerdict(
            host,
            self.ctx.name(host) or host,
            self.power,
            self.ctx.name(self.power) or self.power,
            verdict,
            tuple(reasons),
            tuple(conflicts(self.store, self.pack, host, ctx=self.ctx)),
        )


def expand_hosts(store: Store, pack: Pack | None, hosts: list[str]) -> list[str]:
    """Country ids for host names; a region expands to its countries, an alliance to its
    members."""
    out: list[str] = []
    for name in hosts:
        if not name.strip():
            continue
        ent = resolve_entity(store, pack, name.strip())
        if ent.type == "Country":
            ids = [ent.id]
        elif ent.type == "Organization":  # an alliance: its members today
            today = date.today().isoformat()
            ids = [
                f.subject
                for f in facts(store, ent.id, predicate="member_of", as_of=today, pack=pack)
                if f.object == ent.id and _believed(f)
            ]
        else:
            ids = region_members(store, pack, ent.id)
        if not ids:
            raise NotFound(f"{name!r} is neither a country nor a region the pack can expand")
        out += [i for i in ids if i not in out]
    return out


def basing_options(
    store: Store,
    pack: Pack | None,
    power: str,
    hosts: list[str],
    today: str | None = None,
    ctx: Context | None = None,
) -> list[BasingVerdict]:
    """A verdict per candidate host country (regions expanded), in the order given."""
    p = resolve_entity(store, pack, power)
    run = _Basing(store, pack, p.id, today or date.today().isoformat(), ctx)
    return [run.verdict(h) for h in expand_hosts(store, pack, hosts) if h != p.id]
