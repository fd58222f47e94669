/* The event map layer (ACLED-style): events aggregated by place and clustered by screen
   distance, coloured by PLOVER band, filtered live by type, actor, mode and a year slider;
   the filters live in the URL so the events list and timeline can share them. */
"use strict";
(function (CR) {
  const BAND_COLOURS = {"cooperation": "#1e8449", "verbal conflict": "#d68910",
                        "material conflict": "#c0392b", "other": "#5d6d7e"};
  const CLUSTER_PX = 34;

  function year(e) { return e.date ? Number(e.date.slice(0, 4)) : null; }

  CR.eventLayer = function (map, data, panel) {
    const events = data.events || [];
    const form = document.getElementById("map-filters");
    const f = {type: document.getElementById("f-type"), actor: document.getElementById("f-actor"),
               mode: document.getElementById("f-mode"), from: document.getElementById("f-from"),
               to: document.getElementById("f-to")};
    const out = document.getElementById("years-out");
    const count = document.getElementById("event-count");
    const listLink = document.getElementById("events-link");

    /* actor choices: everyone who acts in a placed event, most active first */
    const actors = new Map();
    for (const e of events) for (const a of e.actors) {
      if (!a) continue;
      const seen = actors.get(a.id) || {ref: a, n: 0};
      seen.n += 1; actors.set(a.id, seen);
    }
    [...actors.values()].sort((a, b) => b.n - a.n || a.ref.name.localeCompare(b.ref.name))
      .forEach(({ref, n}) => f.actor.appendChild(CR.el("option", {value: ref.id}, ref.name + " (" + n + ")")));
    f.actor.value = f.actor.dataset.value || "";
    if (f.actor.dataset.value && f.actor.value !== f.actor.dataset.value) {  /* a name, not an id */
      const want = f.actor.dataset.value.toLowerCase();
      const hit = [...actors.values()].find(({ref}) => ref.name.toLowerCase() === want);
      if (hit) f.actor.value = hit.ref.id;
    }

    const years = events.map(year).filter((y) => y);
    const lo = years.length ? Math.min(...years) : 2000, hi = years.length ? Math.max(...years) : 2030;
    for (const box of [f.from, f.to]) { box.min = lo; box.max = hi; box.step = 1; }
    f.from.value = f.from.getAttribute("value") || lo;
    f.to.value = f.to.getAttribute("value") || hi;

    function wanted() {
      return {type: f.type.value, actor: f.actor.value, mode: f.mode.value,
              from: Number(f.from.value), to: Number(f.to.value)};
    }
    function keep(e, w) {
      if (w.type && e.type !== w.type) return false;
      if (w.mode && e.mode !== w.mode) return false;
      if (w.actor && !e.actors.some((a) => a && a.id === w.actor)) return false;
      const y = year(e);
      const dated = w.from > lo || w.to < hi;
      if (dated && (y === null || y < w.from || y > w.to)) return false;
      return true;
    }
    function syncUrl(w) {
      const q = new URLSearchParams(window.location.search);
      for (const [k, v] of [["type", w.type], ["actor", w.actor], ["mode", w.mode],
                            ["date_from", w.from > lo ? String(w.from) : ""],
                            ["date_to", w.to < hi ? String(w.to) : ""]]) {
        if (v) q.set(k, v); else q.delete(k);
      }
      const s = q.toString();
      window.history.replaceState(null, "", window.location.pathname + (s ? "?" + s : ""));
      const list = new URLSearchParams();
      for (const k of ["type", "actor", "mode", "date_from", "date_to"]) if (q.get(k)) list.set(k, q.get(k));
      listLink.href = "/events" + (list.toString() ? "?" + list.toString() : "");
    }

    function showCluster(group) {
      if (!panel) return;
      const names = [...new Set(group.map((e) => e.place.name))];
      const heading = names.length === 1 ? CR.entLink(group[0].place) : CR.el("span", {}, names.slice(0, 4).join(", ") + (names.length > 4 ? "…" : ""));
      const ul = CR.el("ul", {class: "facts-mini map-events"});
      for (const e of [...group].sort((a, b) => (a.date || "9999").localeCompare(b.date || "9999"))) {
        const who = e.actors.filter((a) => a).map((a) => a.name).join(", ");
        ul.appendChild(CR.el("li", {},
          CR.el("b", {}, e.type), " ", CR.el("span", {class: "dates"}, e.date || "undated"), " ",
          who ? who + " " : "", e.mode !== "asserted" ? CR.el("i", {}, e.mode + " ") : null,
          e.placed_by === "sentence" ? CR.el("span", {class: "muted", title: "placed by the most specific place its sentence names"}, "(placed by its sentence" + (e.precision === "place" ? "" : ", " + e.precision + " only") + ") ") : null,
          CR.el("a", {href: e.url, class: "evlink", title: e.text}, e.title || "source")));
      }
      panel.replaceChildren(CR.el("h2", {}, heading), CR.el("p", {class: "muted"}, group.length + " event" + (group.length === 1 ? "" : "s")), ul);
    }

    const layer = L.layerGroup().addTo(map);
    let shown = [];
    function draw() {
      const w = wanted();
      out.textContent = w.from + "–" + w.to;
      shown = events.filter((e) => keep(e, w));
      /* aggregate by place, then cluster places closer than CLUSTER_PX on screen */
      const byPlace = new Map();
      for (const e of shown) {
        const g = byPlace.get(e.place.id) || {lat: e.place.lat, lon: e.place.lon, events: []};
        g.events.push(e); byPlace.set(e.place.id, g);
      }
      const clusters = [];
      for (const g of [...byPlace.values()].sort((a, b) => b.events.length - a.events.length)) {
        const pt = map.latLngToLayerPoint([g.lat, g.lon]);
        const near = clusters.find((c) => c.pt.distanceTo(pt) < CLUSTER_PX);
        if (near) near.events.push(...g.events);
        else clusters.push({pt, lat: g.lat, lon: g.lon, events: [...g.events]});
      }
      /* redrawn on zoom: a marker that had the keyboard focus gives it to its successor */
      const had = document.activeElement && document.activeElement.classList.contains("cr-ev")
        ? document.activeElement.getAttribute("aria-label") : null;
      layer.clearLayers();
      for (const c of clusters) {
        const bands = {};
        for (const e of c.events) bands[e.category] = (bands[e.category] || 0) + 1;
        const top = Object.entries(bands).sort((a, b) => b[1] - a[1])[0][0];
        const size = Math.round(22 + Math.min(26, Math.sqrt(c.events.length) * 5));
        const places = [...new Set(c.events.map((e) => e.place.name))];
        const label = places.slice(0, 3).join(", ") + (places.length > 3 ? "…" : "") + ": " +
          c.events.length + " event" + (c.events.length === 1 ? "" : "s");
        const dot = CR.el("span", {class: "cr-ev-dot"}, String(c.events.length));
        dot.style.background = BAND_COLOURS[top] || BAND_COLOURS.other;
        const mk = L.marker([c.lat, c.lon], {
          icon: L.divIcon({className: "cr-ev", html: dot, iconSize: [size, size]}),
          keyboard: true, title: label, alt: label, riseOnHover: true});
        mk.on("click", () => showCluster(c.events));
        mk.on("add", () => {
          const el = mk.getElement();
          if (!el) return;
          el.setAttribute("role", "button");
          el.setAttribute("aria-label", label);
          el.addEventListener("keydown", (ev) => {  /* Enter or Space lists the events */
            if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); showCluster(c.events); }
          });
          if (had && had === label) el.focus();
        });
        layer.addLayer(mk);
      }
      map.getContainer().dataset.events = String(shown.length);
      map.getContainer().dataset.eventMarkers = String(clusters.length);
      count.textContent = shown.length + " of " + events.length + " events placed (" + data.unplaced + " without a place)";
      syncUrl(w);
    }
    for (const box of Object.values(f)) box.addEventListener("input", draw);
    for (const box of [f.from, f.to]) box.addEventListener("input", () => {
      if (Number(f.from.value) > Number(f.to.value)) (box === f.from ? f.to : f.from).value = box.value;
    });
    form.addEventListener("submit", (ev) => { ev.preventDefault(); draw(); });
    map.on("zoomend", draw);

    const legend = L.control({position: "bottomright"});
    legend.onAdd = function () {
      const div = CR.el("div", {class: "map-legend", role: "note", "aria-label": "Legend"}, CR.el("b", {}, "Events"));
      for (const [band, colour] of Object.entries(BAND_COLOURS)) {
        if (band === "other") continue;
        const sw = CR.el("span", {class: "swatch"}); sw.style.background = colour;
        div.appendChild(CR.el("div", {title: (data.categories[band] || []).join(", ")}, sw, band));
      }
      div.appendChild(CR.el("div", {class: "muted"}, "number: events there; near places merge until you zoom in"));
      const sw = CR.el("span", {class: "swatch place"});
      div.appendChild(CR.el("div", {}, sw, "a place the texts name"));
      const ring = CR.el("span", {class: "swatch ring"});
      div.appendChild(CR.el("div", {}, ring, "where armed groups operate"));
      return div;
    };
    legend.addTo(map);
    draw();
    return layer;
  };
})(window.CR);
