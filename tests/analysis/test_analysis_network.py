"""Network depth 2 reads one summary per fact and expands a bounded number of neighbours.

Real store on every backend; made-up entities and sentences.
"""

from __future__ import annotations

from crossroads.analysis import network
from crossroads.model import Document, Entity, Evidence, Extraction, Relation

HUB = Entity("e:group/hub-front", "ArmedGroup", "Hub Front")


def _world(store, spokes: int) -> None:
    docs, xs = [], []
    for n in range(spokes):
        text = f"Hub Front allied with Cell {n}. Cell {n} operated in Valley {n}."
        d = Document(f"d:{n:010d}", f"{n}.txt", text, content_hash=f"h{n}")
        cell = Entity(f"e:group/cell-{n}", "ArmedGroup", f"Cell {n}")
        valley = Entity(f"e:place/valley-{n}", "Place", f"Valley {n}")
        cut = text.index(". ") + 1
        rels = [
            Relation(HUB.id, "allied_with", cell.id, Evidence(d.id, 0, cut)),
            Relation(cell.id, "operates_in", valley.id, Evidence(d.id, cut + 1, len(text))),
        ]
        docs.append(d)
        xs.append(Extraction(d.id, [HUB, cell, valley], [], rels))
    store.add_documents(docs, xs)


def test_depth_two_reaches_neighbours_of_neighbours(store):
    _world(store, 4)
    g = network.neighbourhood(store, HUB.id, depth=2)
    assert g.number_of_nodes() == 1 + 4 + 4 and not g.graph["truncated"]


def test_depth_two_expands_at_most_the_fanout_cap(store, monkeypatch):
    monkeypatch.setattr(network, "MAX_FANOUT", 3)
    _world(store, 5)
    g = network.neighbourhood(store, HUB.id, depth=2)
    valleys = [n for n in g.nodes if n.startswith("e:place/")]
    assert len(valleys) == 3 and g.graph["truncated"]
