/* Map page (and corridor routes): Natural Earth country outlines, no tiles, markers for
   places with coordinates; clicking a marker lists its facts from /api/facts. */
"use strict";
(async function (CR) {
  const box = document.getElementById("map");
  if (!box || !window.L) return;
  const data = CR.pageData();
  const map = L.map(box, {zoomSnap: 0.5, attributionControl: true}).setView([38, 66], 4);
  map.attributionControl.addAttribution("Outlines: Natural Earth");
  let region = null;  /* the outlines shipped: the region the view opens on */
  try {
    const outlines = await CR.getJSON("/static/vendor/countries.geojson");
    region = L.geoJSON(outlines, {
      style: {color: "#8a8f98", weight: 1, fillColor: "#eef0ea", fillOpacity: 1},
      onEachFeature: (f, layer) => layer.bindTooltip(CR.escape(f.properties.name || ""), {sticky: true}),
    }).addTo(map);
  } catch (err) { console.warn("country outlines missing: run scripts/build_frontend.sh"); }

  const panel = document.getElementById("map-panel");
  async function showFacts(m) {
    if (!panel) return;
    panel.replaceChildren(CR.el("h2", {}, CR.entLink(m)), CR.el("p", {class: "muted"}, m.type + " · " + m.mentions + " mentions"));
    for (const ev of m.events || []) {
      const link = ev.evidence && ev.evidence[0];
      panel.appendChild(CR.el("p", {}, CR.el("b", {}, ev.type), " " + (ev.date || "undated") + " ",
        link ? CR.el("a", {href: link.url, class: "evlink"}, link.title || "source") : null));
    }
    try {
      const facts = await CR.getJSON("/api/facts?limit=30&entity=" + encodeURIComponent(m.id));
      const ul = CR.el("ul", {class: "facts-mini"});
      for (const f of facts.items) {
        const ev = f.evidence.find((e) => e.kind === "text");  /* the reader, never outside */
        ul.appendChild(CR.el("li", {}, CR.entLink(f.subject), " " + (f.negated ? "not " : "") + f.predicate.replace(/_/g, " ") + " ",
          f.object ? CR.entLink(f.object) : "", ev ? CR.el("a", {href: ev.url, class: "evlink", title: ev.text}, " [source]") : null));
      }
      if (!facts.items.length) ul.appendChild(CR.el("li", {class: "muted"}, "No facts."));
      panel.appendChild(ul);
    } catch (err) { panel.appendChild(CR.el("p", {class: "muted"}, err.message)); }
  }

  const markers = data.markers || [];
  const layer = L.featureGroup();
  const eventMap = Boolean(data.events && CR.eventLayer);
  for (const m of markers) {
    const mk = L.circleMarker([m.lat, m.lon], {radius: eventMap ? 4 : 5 + Math.min(10, Math.sqrt(m.mentions || 1) * 1.5),
      className: "cr-marker", color: "#222", weight: 1, fillColor: CR.colour(m.type), fillOpacity: eventMap ? 0.5 : (m.events && m.events.length ? 0.95 : 0.75)});
    mk.bindTooltip(CR.escape(m.name));
    mk.on("click", () => showFacts(m));
    layer.addLayer(mk);
  }
  layer.addTo(map);
  box.dataset.markers = String(markers.length);

  const overlays = {"Places": layer};
  /* where armed groups operate: a layer of its own, switchable */
  if (data.group_areas && data.group_areas.length) {
    const areas = L.featureGroup();
    for (const a of data.group_areas) {
      const ring = L.circleMarker([a.lat, a.lon], {className: "cr-area", radius: 9 + Math.min(12, a.groups.length * 2),
        color: CR.colour("ArmedGroup"), weight: 2, fill: false, dashArray: "4 3"});
      ring.bindTooltip(CR.escape(a.name + ": " + a.groups.map((g) => g.name).join(", ")));
      ring.on("click", () => {
        if (!panel) return;
        const ul = CR.el("ul", {class: "facts-mini"});
        for (const g of a.groups) {
          const ev = g.evidence && g.evidence.find((e) => e.kind === "text");
          ul.appendChild(CR.el("li", {}, CR.entLink(g), " operates in ", CR.entLink(a),
            ev && ev.url ? CR.el("a", {href: ev.url, class: "evlink", title: ev.text}, " [source]")
              : CR.el("span", {class: "muted"}, " (knowledge pack)")));
        }
        panel.replaceChildren(CR.el("h2", {}, CR.entLink(a)), CR.el("p", {class: "muted"}, "Armed groups placed here"), ul);
      });
      areas.addLayer(ring);
    }
    areas.addTo(map);
    overlays["Armed-group areas"] = areas;
  }
  if (eventMap) overlays.Events = CR.eventLayer(map, data, panel);
  if (Object.keys(overlays).length > 1) L.control.layers(null, overlays, {collapsed: false}).addTo(map);
  if (markers.length > 1) {
    /* open on the markers inside the region's outlines; far-away places stay a pan away */
    const rb = region && region.getBounds();
    const inside = rb ? markers.filter((m) => rb.contains([m.lat, m.lon])) : markers;
    const pts = (inside.length > 1 ? inside : markers).map((m) => [m.lat, m.lon]);
    map.fitBounds(L.latLngBounds(pts).pad(0.2));
  }

  /* corridor page: each route as a line through the stops with coordinates */
  const extra = L.featureGroup().addTo(map);
  const palette = ["#c0392b", "#2f6db5", "#1e8449", "#d68910", "#7a4bb5"];
  if (data.result && data.result.routes) {
    data.result.routes.forEach((r, i) => {
      const stops = (r.path || []).filter((p) => p.lat !== undefined).map((p) => [p.lat, p.lon]);
      if (stops.length > 1) {
        const line = L.polyline(stops, {color: palette[i % palette.length], weight: 3, opacity: 0.8});
        line.bindTooltip(CR.escape(r.summary || ""), {sticky: true});
        extra.addLayer(line);
      }
    });
  }
  /* spillover page: the areas groups are placed in, as a map layer */
  if (data.result && data.result.groups) {
    const areas = {};
    for (const g of data.result.groups) {
      for (const p of g.placements || []) {
        if (p.area.lat === undefined) continue;
        const a = areas[p.area.id] || (areas[p.area.id] = {area: p.area, groups: []});
        a.groups.push(g.group.name);
      }
    }
    for (const a of Object.values(areas)) {
      const mk = L.circleMarker([a.area.lat, a.area.lon], {className: "cr-marker", radius: 6 + Math.min(10, a.groups.length * 2),
        color: "#222", weight: 1, fillColor: CR.colour("ArmedGroup"), fillOpacity: 0.8});
      mk.bindTooltip(CR.escape(a.area.name + ": " + a.groups.join(", ")));
      mk.on("click", () => { window.location.href = a.area.url; });
      extra.addLayer(mk);
    }
  }
  if (extra.getLayers().length) {
    map.fitBounds(extra.getBounds().pad(0.3));
    box.dataset.markers = String(extra.getLayers().length);
  }
})(window.CR);
