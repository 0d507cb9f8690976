// obs web interface: a little progressive enhancement. Every page works
// without it.
(function () {
  "use strict";
  // Choices that redraw the page as soon as they are picked with the mouse.
  // From the keyboard the arrows only move the choice (no page change while
  // one browses the list, WCAG 3.2.2); Enter or the Show button applies it.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (sel) {
    var keyed = false;
    sel.addEventListener("keydown", function (e) {
      keyed = true;
      if (e.key === "Enter" && sel.form) { e.preventDefault(); sel.form.submit(); }
    });
    sel.addEventListener("blur", function () { keyed = false; });
    sel.addEventListener("change", function () { if (!keyed && sel.form) sel.form.submit(); });
  });
  // Ctrl+Enter (or Cmd+Enter) runs the console's SQL.
  var sql = document.getElementById("sql");
  if (sql) {
    sql.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        var run = sql.form.querySelector('button[value="table"]');
        if (sql.form.requestSubmit) sql.form.requestSubmit(run); else run.click();
      }
    });
  }
  // Packs and notebooks are shown at their own height, so the page scrolls
  // and the frame does not (no scroll inside a scroll). The frames run no
  // script (sandboxed, and the pages' policy allows none); being of the
  // same origin, their height can be read from here.
  function fit(frame) {
    try {
      var doc = frame.contentDocument;
      if (!doc || !doc.documentElement) return;
      frame.style.height = "1px"; // measure the content, not the frame
      frame.style.height = Math.max(doc.documentElement.scrollHeight, doc.body ? doc.body.scrollHeight : 0) + 20 + "px";
      frame.classList.add("fitted");
    } catch (e) { /* another origin: keep the fixed height */ }
  }
  document.querySelectorAll("iframe.pack").forEach(function (frame) {
    frame.addEventListener("load", function () { fit(frame); });
    if (frame.contentDocument && frame.contentDocument.readyState === "complete") fit(frame);
  });
  window.addEventListener("resize", function () {
    document.querySelectorAll("iframe.pack.fitted").forEach(fit);
  });
  // While the scores and labels are recomputed, say how far it has got and
  // reload the page when they are ready (what it shows is then current).
  var banner = document.querySelector("[data-recomputing]");
  if (banner && window.fetch) {
    var poll = function () {
      fetch("/state.json", { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (st) {
        if (!st.running) {
          if (banner.getAttribute("data-recomputing") === "reload") { window.location.reload(); return; }
          banner.textContent = st.error ? "The recompute failed: " + st.error : "The scores and leadership labels are ready; the other pages show them.";
          return;
        }
        var stage = document.getElementById("recompute-stage");
        if (stage && st.stage) stage.textContent = st.stage;
        setTimeout(poll, 1500);
      }).catch(function () { setTimeout(poll, 5000); });
    };
    setTimeout(poll, 1500);
  }
  // Drag and drop onto the upload area: the dropped files go into the file
  // input and the form is sent as if they had been chosen.
  var drop = document.getElementById("drop");
  var input = document.getElementById("files");
  if (drop && input) {
    ["dragenter", "dragover"].forEach(function (t) {
      drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (t) {
      drop.addEventListener(t, function () { drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (e) {
      e.preventDefault();
      if (!e.dataTransfer || !e.dataTransfer.files.length) return;
      input.files = e.dataTransfer.files;
      var status = document.getElementById("drop-status");
      if (status) status.textContent = e.dataTransfer.files.length + " file(s) dropped; loading…";
      input.form.submit();
    });
  }
})();
