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
      if (input.form.requestSubmit) input.form.requestSubmit(); else input.form.submit();
    });
  }
  // Work the server does for this page, followed through /state.json: the
  // page sends an id of its own with the request (?progress=ID), and the
  // server lists the work under it while it runs.
  var newID = function () { return "p" + Date.now().toString(36) + Math.random().toString(36).slice(2, 10); };
  var withID = function (url, id) { return url + (url.indexOf("?") < 0 ? "?" : "&") + "progress=" + id; };
  var follow = function (id, each, stop) {
    var poll = function () {
      if (stop()) return;
      fetch("/state.json", { credentials: "same-origin", cache: "no-store" }).then(function (r) { return r.json(); }).then(function (st) {
        var job = null;
        (st.work || []).forEach(function (j) { if (j.id === id) job = j; });
        each(job);
        setTimeout(poll, 300);
      }).catch(function () { setTimeout(poll, 1000); });
    };
    poll();
  };
  // A count as tabular.Count writes it: 5000, 12,345.
  var count = function (n) { return n < 10000 ? String(n) : n.toLocaleString("en-GB"); };
  var size = function (n) { return n < 1048576 ? Math.ceil(n / 1024) + " KB" : (n / 1048576).toFixed(1) + " MB"; };
  var seconds = function (n) { return n > 0 ? " (" + n + " s so far)" : ""; };
  var said = function (j) { return j.what.charAt(0).toUpperCase() + j.what.slice(1) + seconds(j.seconds) + (j.step ? ": " + j.step : ""); };
  // An upload: while the files are sent, how much of each has gone; while
  // they are read, the rows read so far of each; then the results page, as
  // the form alone would show it.
  var upload = document.getElementById("upload");
  if (upload && input && window.XMLHttpRequest && window.FormData && window.fetch) {
    var box = document.createElement("div");
    box.id = "upload-progress";
    box.className = "progress";
    box.setAttribute("role", "status");
    box.setAttribute("aria-live", "polite");
    upload.appendChild(box);
    upload.addEventListener("submit", function (e) {
      if (!input.files.length) return;
      e.preventDefault();
      var id = newID(), files = Array.prototype.slice.call(input.files), sent = 0, sending = true, job = null, over = false;
      var button = upload.querySelector('button[type="submit"]');
      var lines = function (head, items) {
        box.textContent = "";
        var p = document.createElement("p");
        p.textContent = head;
        box.appendChild(p);
        var ul = document.createElement("ul");
        items.forEach(function (t) { var li = document.createElement("li"); li.textContent = t; ul.appendChild(li); });
        box.appendChild(ul);
      };
      var draw = function () {
        if (over) return;
        if (job && !sending) {
          lines(said(job) + ".", job.files.map(function (f) {
            if (f.state === "read") return f.name + ": read, " + count(f.rows) + " rows";
            if (f.state === "reading") return f.name + ": " + count(f.rows) + " rows read so far";
            return f.name + ": waiting its turn";
          }));
          return;
        }
        var before = 0;
        lines(sending ? "Sending the files to the server…" : "Sent; the server is about to read them…", files.map(function (f) {
          var mine = Math.max(0, Math.min(f.size, sent - before));
          before += f.size;
          return f.name + ": " + (sending && mine < f.size ? "sending, " + size(mine) + " of " + size(f.size) : "sent, " + size(f.size));
        }));
      };
      var xhr = new XMLHttpRequest();
      xhr.open("POST", withID(upload.action, id));
      xhr.upload.addEventListener("progress", function (ev) { sent = ev.loaded; draw(); });
      xhr.upload.addEventListener("load", function () { sending = false; draw(); });
      xhr.addEventListener("load", function () {
        over = true;
        if (/text\/html/.test(xhr.getResponseHeader("Content-Type") || "")) {
          document.open();
          document.write(xhr.responseText);
          document.close();
          return;
        }
        box.textContent = xhr.responseText || "The upload failed (" + xhr.status + "); try again.";
        if (button) button.disabled = false;
      });
      xhr.addEventListener("error", function () {
        over = true;
        box.textContent = "The upload did not reach the server: check the connection and try again.";
        if (button) button.disabled = false;
      });
      if (button) button.disabled = true;
      draw();
      xhr.send(new FormData(upload));
      follow(id, function (j) { if (j) { job = j; draw(); } }, function () { return over; });
    });
  }
  // A pack printed to PDF: while the server prints it, say so beside the
  // link, and how long it has taken so far.
  document.querySelectorAll('a[href*="/pack/pdf"]').forEach(function (a) {
    var href = a.getAttribute("href");
    var note = document.createElement("span");
    note.className = "hint progress";
    note.setAttribute("role", "status");
    note.setAttribute("aria-live", "polite");
    a.parentNode.appendChild(note);
    a.addEventListener("click", function () {
      var id = newID(), seen = false, started = Date.now(), over = false;
      a.setAttribute("href", withID(href, id));
      note.textContent = " Asking the server to print the pack…";
      follow(id, function (j) {
        if (j) {
          seen = true;
          note.textContent = " " + said(j) + "…";
        } else if (seen || Date.now() - started > 5000) {
          over = true;
          note.textContent = seen ? " Done: the PDF is in your browser's downloads." : "";
        }
      }, function () { return over; });
      setTimeout(function () { a.setAttribute("href", href); }, 0);
    });
  });
})();
