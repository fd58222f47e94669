/* Documents page with --write: each chosen file is sent to POST /api/upload in turn, with
   its upload progress and then its ingest outcome (new, duplicate, failed and why). */
"use strict";
(function (CR) {
  const form = document.getElementById("upload");
  if (!form) return;
  const input = document.getElementById("upload-files");
  const log = document.getElementById("upload-log");

  function send(file, row) {
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open("POST", "/api/upload?name=" + encodeURIComponent(file.name));
      xhr.setRequestHeader("Content-Type", "application/octet-stream");
      const bar = CR.el("progress", {max: "100", value: "0"});
      const state = CR.el("span", {class: "muted"}, " uploading…");
      row.append(" ", bar, state);
      xhr.upload.onprogress = (ev) => { if (ev.lengthComputable) bar.value = Math.round(100 * ev.loaded / ev.total); };
      xhr.upload.onload = () => { bar.value = 100; state.textContent = " ingesting…"; };
      xhr.onload = () => {
        let body = {};
        try { body = JSON.parse(xhr.responseText); } catch (err) { body = {error: xhr.statusText}; }
        bar.remove();
        if (xhr.status >= 400) {
          row.className = "failed"; state.textContent = " failed: " + (body.error || xhr.status);
        } else if (body.failed) {
          row.className = "failed"; state.textContent = " failed: " + ((body.errors && body.errors[0]) || "unreadable");
        } else if (body.new) {
          row.className = "ok"; state.textContent = " added: " + body.new + " new document" + (body.new === 1 ? "" : "s") + " ";
          if (body.documents && body.documents[0]) row.appendChild(CR.el("a", {href: "/documents/" + encodeURIComponent(body.documents[0])}, "read it"));
        } else {
          row.className = "dup"; state.textContent = body.duplicate || body.near_duplicate ? " already in the store (duplicate)" : " nothing new";
        }
        resolve(body);
      };
      xhr.onerror = () => { row.className = "failed"; state.textContent = " failed: the server did not answer"; resolve({}); };
      xhr.send(file);
    });
  }

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const files = Array.from(input.files || []);
    if (!files.length) { log.replaceChildren(CR.el("li", {class: "failed"}, "Choose one or more files first.")); return; }
    log.replaceChildren();
    let added = 0;
    for (const file of files) {
      const row = CR.el("li", {}, CR.el("b", {}, file.name), " (" + file.size + " bytes)");
      log.appendChild(row);
      const body = await send(file, row);
      added += body.new || 0;
    }
    if (added) {  /* refresh the table from the page's JSON twin, then say it is done */
      const data = await CR.getJSON("/documents.json");
      const tbody = document.querySelector("#doc-table tbody");
      tbody.replaceChildren(...data.items.map((d) => CR.el("tr", {},
        CR.el("td", {}, CR.el("a", {href: d.url}, d.title)), CR.el("td", {}, d.published || "undated"),
        CR.el("td", {}, d.author || ""), CR.el("td", {class: "muted"}, d.source), CR.el("td", {}, d.kind))));
      const h1 = document.querySelector("h1 small");
      if (h1) h1.textContent = String(data.total);
    }
    log.appendChild(CR.el("li", {class: "muted"}, "Done. " + added + " new document" + (added === 1 ? "" : "s") + (added ? "; the list below is refreshed." : ".")));
  });
})(window.CR);
