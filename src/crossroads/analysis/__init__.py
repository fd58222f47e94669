"""Asking the store: facts across sources, conflicts, profiles, timelines, networks and the
region's three analyses (basing options, corridor access, spillover exposure).

Every function takes a Store (and, where reference knowledge matters, a Pack) and returns
frozen records with ``to_dict()``; every reason and fact carries its Citations.
"""

from __future__ import annotations

from crossroads.analysis.basing import BasingVerdict, Reason, basing_options
from crossroads.analysis.conflicts import Conflict, Side, conflicts
from crossroads.analysis.context import Citation
from crossroads.analysis.corridors import Route, Step, routes
from crossroads.analysis.facts import Fact, facts
from crossroads.analysis.grading import CREDIBILITY, RELIABILITY, Grades, load_grades
from crossroads.analysis.items import DocItem, EventItem, QuoteItem
from crossroads.analysis.network import centrality, graph_to_dict, neighbourhood
from crossroads.analysis.profile import Profile, profile
from crossroads.analysis.resolve import resolve_entity
from crossroads.analysis.spillover import Exposure, Placement, exposure
from crossroads.analysis.timeline import TimelineItem, timeline

__all__ = [
    "CREDIBILITY",
    "RELIABILITY",
    "BasingVerdict",
    "Citation",
    "Conflict",
    "DocItem",
    "EventItem",
    "Exposure",
    "Fact",
    "Grades",
    "Placement",
    "Profile",
    "QuoteItem",
    "Reason",
    "Route",
    "Side",
    "Step",
    "TimelineItem",
    "basing_options",
    "centrality",
    "conflicts",
    "exposure",
    "facts",
    "graph_to_dict",
    "load_grades",
    "neighbourhood",
    "profile",
    "resolve_entity",
    "routes",
    "timeline",
]
