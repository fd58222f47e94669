/* Network (cytoscape.js) and timeline (vis-timeline) builders shared by several pages. */
"use strict";
(function (CR) {
  CR.network = function (container, graph, opts) {
    opts = opts || {};
    const elements = [];
    for (const n of graph.nodes) {
      elements.push({data: {id: n.id, label: n.name || n.id, type: n.type, url: n.url,
                            colour: CR.colour(n.type), centre: n.centre ? 1 : 0}});
    }
    for (const e of graph.edges) {
      elements.push({data: {id: e.id, source: e.source, target: e.target,
                            label: (e.negated ? "not " : "") + (e.predicate || "").replace(/_/g, " "),
                            negated: e.negated ? 1 : 0}});
    }
    const fewEdges = graph.edges.length <= 12;
    const hasCentre = graph.nodes.some((n) => n.centre);
    const cy = cytoscape({
      container, elements, maxZoom: 1.6, minZoom: 0.1,
      style: [
        {selector: "node", style: {"background-color": "data(colour)", label: "data(label)",
          "font-size": opts.small ? 9 : 10, color: "#222", "text-valign": "bottom",
          "text-margin-y": 3, "text-wrap": "ellipsis", "text-max-width": "110px",
          "text-background-color": "#fff", "text-background-opacity": 0.7, "text-background-padding": "1px",
          width: opts.small ? 12 : 16, height: opts.small ? 12 : 16}},
        {selector: "node[centre = 1]", style: {width: 26, height: 26, "border-width": 3, "border-color": "#111",
          "font-weight": "bold", "z-index": 10}},
        {selector: "edge", style: {width: 1.2, "line-color": "#b5bfc9", "target-arrow-color": "#b5bfc9",
          "target-arrow-shape": "triangle", "arrow-scale": 0.8, "curve-style": "bezier",
          label: fewEdges && !opts.small ? "data(label)" : "", "font-size": 8, color: "#555",
          "text-rotation": "autorotate", "text-background-color": "#fff", "text-background-opacity": 0.8}},
        {selector: "edge.hover", style: {label: "data(label)", "line-color": "#2f6db5", "target-arrow-color": "#2f6db5", width: 2, "z-index": 20}},
        {selector: "edge[negated = 1]", style: {"line-style": "dashed", "line-color": "#c66"}},
      ],
      /* around an entity: rings, best connected nearest the centre; otherwise force-directed */
      layout: hasCentre || graph.nodes.length > 80
        ? {name: "concentric", animate: false, padding: 20, minNodeSpacing: opts.small ? 8 : 28,
           avoidOverlap: true, concentric: (n) => (n.data("centre") ? 1000 : n.degree()),
           levelWidth: () => 2}
        : {name: "cose", animate: false, padding: 20, nodeRepulsion: () => 9000},
    });
    cy.on("mouseover", "edge", (ev) => ev.target.addClass("hover"));
    cy.on("mouseout", "edge", (ev) => ev.target.removeClass("hover"));
    cy.on("mouseover", "node", (ev) => ev.target.connectedEdges().addClass("hover"));
    cy.on("mouseout", "node", (ev) => ev.target.connectedEdges().removeClass("hover"));
    cy.on("tap", "node", (ev) => { const url = ev.target.data("url"); if (url) window.location.href = url; });
    container.dataset.nodes = String(graph.nodes.length);
    return cy;
  };

  CR.timeline = function (container, items, opts) {
    const data = [];
    items.forEach((it, i) => {
      const start = CR.isoDate(it.date);
      if (!start) return;
      /* content as an element built with textContent; the tooltip escaped by hand */
      let text = it.label || it.type || "";
      const cut = opts && opts.short ? (opts.short === true ? 38 : opts.short) : 0;
      if (cut && text.length > cut) text = text.slice(0, cut - 2) + "…";
      const band = it.origin === "pack" ? "pack" : "reported";
      const row = {id: it.id || i, content: CR.el("span", {}, text), start,
                   title: CR.escape((it.evidence && it.evidence[0] && it.evidence[0].text) || it.label || ""),
                   className: "tl-" + (it.kind || "event") + " tl-" + band, group: band};
      if (it.end && it.end > it.date) { row.end = CR.isoDate(it.end); row.type = "range"; }
      else row.type = "point";
      data.push(row);
    });
    const dataset = new vis.DataSet(data);
    const {short, ...rest} = opts || {};
    /* pad the window so labels of the last items are not cut off at the right edge */
    const times = data.map((r) => (r.end || r.start).getTime()).concat(data.map((r) => r.start.getTime()));
    const lo = Math.min(...times), hi = Math.max(...times);
    const span = Math.max(hi - lo, 365 * 864e5);
    const options = Object.assign({
      zoomable: true, stack: true, maxHeight: 420, xss: {disabled: false},
      tooltip: {followMouse: true}, orientation: {axis: "top", item: "top"}, verticalScroll: true,
    }, rest);
    const bands = new Set(data.map((r) => r.group));
    let tl;
    if (bands.size > 1) {  /* the pack's dates in their own band, below the reporting */
      const groups = new vis.DataSet([
        {id: "reported", content: "Reporting", order: 1},
        {id: "pack", content: "Knowledge pack", order: 2, className: "tl-band-pack"}]);
      tl = new vis.Timeline(container, dataset, groups, Object.assign({groupOrder: "order"}, options));
    } else {
      data.forEach((r) => delete r.group);
      tl = new vis.Timeline(container, new vis.DataSet(data), options);
    }
    tl.on("select", (props) => {
      const it = items.find((x) => String(x.id) === String(props.items[0]));
      /* a reported item opens its sentence in the reader; a pack item stays here (its
         citation is in the list below, its outside link only opened on request) */
      const ev = it && it.evidence && it.evidence.find((e) => e.kind === "text" && e.url);
      if (ev) window.location.href = ev.url;
      else if (it) {
        const row = document.getElementById("tl-" + it.id);
        if (row) { row.scrollIntoView({block: "center"}); row.classList.add("active"); }
      }
    });
    tl.setWindow(new Date(lo - span * 0.05), new Date(hi + span * 0.4), {animation: false});
    container.dataset.items = String(data.length);
    container.dataset.bands = String(bands.size);
    return tl;
  };
})(window.CR);
