"""How well crossroads.names tells spelling variants of one person from different people.

    .venv/bin/python benchmarks/bench_names.py [--pack DIR]

Pairs come from the knowledge pack (no corpus text): every two spellings the pack lists
for one person with the same number of name parts are a variant pair; every two names of
different persons with the same number of parts are a distinct pair; the hard ones share a
name part ("Sadyr Japarov" / "Akylbek Japarov"), and a few made-up near misses are added
(two people, names one or two letters apart). Prints, per threshold,
how many variant pairs match (recall) and how many distinct pairs match (false merges),
and which pairs sit nearest the chosen threshold.
"""

from __future__ import annotations

import argparse
import itertools

from crossroads.names import SAME_PERSON, name_parts, person_similarity
from crossroads.pack import load_pack

NEAR_MISSES = [
    ("Jalaluddin Qaderi", "Nasiruddin Qaderi"),
    ("Karim Nazari", "Kamil Nazari"),
    ("Anwar Rahimi", "Anwar Rahmani"),
    ("Farid Sultani", "Farid Soltani Karimi"),
    ("Timur Abdullaev", "Timur Abdulaev"),
    ("Rustam Khodjaev", "Rustam Khojiev"),
    ("Daler Saidov", "Daler Sadykov"),
    ("Omid Karimi", "Hamid Karimi"),
    ("Ruhullah Sharifzada", "Nurullah Sharifzada"),
]
"""Made-up pairs of different people. Two are spelling-close on purpose ("Abdullaev" /
"Abdulaev" could be one man): the benchmark shows where the threshold draws the line."""


def pairs(pack_dirs: list[str]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    pack = load_pack(pack_dirs or None)
    persons = [e for e in pack.entities.values() if e.type == "Person"]
    forms = {
        e.id: sorted({n for n in (e.name, *e.aliases) if len(name_parts(n)) >= 2}) for e in persons
    }
    same = [
        (a, b)
        for fs in forms.values()
        for a, b in itertools.combinations(fs, 2)
        if len(name_parts(a)) == len(name_parts(b)) and name_parts(a) != name_parts(b)
    ]
    names = [(e.id, e.name) for e in persons if len(name_parts(e.name)) >= 2]
    other = [
        (a, b)
        for (i, a), (j, b) in itertools.combinations(names, 2)
        if i != j and len(name_parts(a)) == len(name_parts(b))
    ]
    other += NEAR_MISSES
    return same, other


def hard(pair: tuple[str, str]) -> bool:
    """A distinct pair that shares a name part."""
    return bool(set(name_parts(pair[0])) & set(name_parts(pair[1])))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pack", action="append", default=[], help="extra pack folder")
    args = ap.parse_args()
    same, other = pairs(args.pack)
    s_scores = [person_similarity(a, b) for a, b in same]
    o_scores = [person_similarity(a, b) for a, b in other]
    n_hard = sum(hard(p) for p in other)
    print(f"{len(same)} variant pairs, {len(other)} distinct pairs ({n_hard} sharing a part)")
    print("threshold  variants matched  distinct matched")
    for t in (0.8, 0.85, 0.88, 0.9, 0.92, 0.94, 0.96):
        hit = sum(s >= t for s in s_scores)
        false = sum(s >= t for s in o_scores)
        mark = "  <- SAME_PERSON" if abs(t - SAME_PERSON) < 1e-9 else ""
        print(f"{t:9.2f}  {hit:4d}/{len(same)} ({hit / len(same):.0%})  {false:6d}{mark}")
    print("\ndistinct pairs scoring highest:")
    for sc, (a, b) in sorted(zip(o_scores, other), reverse=True)[:6]:
        print(f"  {sc:.3f}  {a} / {b}")
    print("variant pairs missed at SAME_PERSON:")
    for sc, (a, b) in sorted(zip(s_scores, same)):
        if sc < SAME_PERSON:
            print(f"  {sc:.3f}  {a} / {b}")


if __name__ == "__main__":
    main()
