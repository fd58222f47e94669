/* Document reader: link each fact sentence in the text to its card in the side panel. */
"use strict";
(function () {
  const text = document.getElementById("doctext");
  const panel = document.getElementById("sidepanel");
  if (!text || !panel) return;
  function activate(start, scrollPanel) {
    for (const c of panel.querySelectorAll(".sentcard.active")) c.classList.remove("active");
    for (const s of text.querySelectorAll(".fs.on")) s.classList.remove("on");
    const card = document.getElementById("f-" + start);
    if (card) { card.classList.add("active"); if (scrollPanel) card.scrollIntoView({block: "nearest"}); }
    for (const s of text.querySelectorAll('[data-s="' + start + '"]')) s.classList.add("on");
  }
  text.addEventListener("click", (ev) => {
    const span = ev.target.closest("[data-s]");
    if (span && !ev.target.closest("a.mention")) activate(span.dataset.s, true);
  });
  text.addEventListener("mouseover", (ev) => {
    const span = ev.target.closest("[data-s]");
    if (span) activate(span.dataset.s, false);
  });
  panel.addEventListener("click", (ev) => {
    const card = ev.target.closest(".sentcard");
    if (card) activate(card.dataset.s, false);
  });
  const mark = text.querySelector(".hl");
  if (mark) {
    mark.scrollIntoView({block: "center"});
    const s = mark.closest("[data-s]") || mark;
    if (s.dataset && s.dataset.s) activate(s.dataset.s, true);
  }
})();
