/* Shared helpers for every page. Data from the server is only ever put into the page with
   textContent (never innerHTML), so article text cannot inject markup. */
"use strict";
(function () {
  const CR = {};

  CR.pageData = function () {
    const node = document.getElementById("page-data");
    return node ? JSON.parse(node.textContent) : {};
  };

  /* el("a", {href: "/x", class: "ent"}, "text", child...) */
  CR.el = function (tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined) continue;
      if (k === "class") node.className = v;
      else if (k === "href" && !/^(\/|#|https?:)/.test(String(v))) continue;
      else node.setAttribute(k, String(v));
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return node;
  };

  CR.escape = (s) => String(s).replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));

  CR.entLink = function (ref) {
    if (!ref) return CR.el("span", {class: "muted"}, "—");
    return CR.el("a", {class: "ent t-" + (ref.type || "unknown"), href: ref.url}, ref.name || ref.id);
  };

  CR.getJSON = async function (url) {
    const res = await fetch(url, {headers: {Accept: "application/json"}});
    const body = await res.json();
    if (!res.ok) throw new Error(body.error || res.statusText);
    return body;
  };

  CR.TYPE_COLOURS = {
    Country: "#2f6db5", Organization: "#7a4bb5", ArmedGroup: "#c0392b", Person: "#d68910",
    Place: "#1e8449", Facility: "#5d6d7e", Initiative: "#16a085", Agreement: "#a04000",
  };
  CR.colour = (type) => CR.TYPE_COLOURS[type] || "#888";

  /* "2021" -> Date(2021-01-01); "2021-05" -> Date(2021-05-01) */
  CR.isoDate = function (iso) {
    if (!iso) return null;
    const [y, m, d] = iso.split("-").map(Number);
    return new Date(Date.UTC(y, (m || 1) - 1, d || 1));
  };

  /* keyboard: "/" focuses search; arrows move through results */
  document.addEventListener("keydown", (ev) => {
    const t = ev.target;
    const typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT");
    if (ev.key === "/" && !typing) {
      const box = document.getElementById("q") || document.querySelector(".topsearch input");
      if (box) { ev.preventDefault(); box.focus(); box.select(); }
      return;
    }
    if (ev.key !== "ArrowDown" && ev.key !== "ArrowUp") return;
    const links = Array.from(document.querySelectorAll(".hits a.primary"));
    if (!links.length) return;
    const i = links.indexOf(document.activeElement);
    const inSearch = t && t.type === "search";
    if (!inSearch && i < 0) return;
    ev.preventDefault();
    if (ev.key === "ArrowDown") links[Math.min(i + 1, links.length - 1)].focus();
    else if (i <= 0) (document.getElementById("q") || t).focus();
    else links[i - 1].focus();
  });

  window.CR = CR;
})();
