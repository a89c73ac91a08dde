/* The edition's behaviour, in plain script with no library and no request to another host:
   note toggles, term definitions on hover and focus, quote highlights, glossary filter, path walking. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("dp-js");

  /* ---- Notes: the "N notes" button shows or hides a paragraph's notes below 1220 px ---- */
  function setOpen(button, open) {
    var aside = document.getElementById(button.getAttribute("aria-controls"));
    button.setAttribute("aria-expanded", open ? "true" : "false");
    if (aside) aside.classList.toggle("is-open", open);
  }
  document.querySelectorAll(".dp-notes-toggle").forEach(function (button) {
    button.addEventListener("click", function () {
      setOpen(button, button.getAttribute("aria-expanded") !== "true");
    });
  });

  /* Open (and reveal) the note a link or the address points to. */
  function revealNote(id) {
    var note = id && document.getElementById(id);
    if (!note || !note.classList.contains("dp-note")) return false;
    var el = note;
    while (el) {
      if (el.tagName === "DETAILS") el.open = true;
      if (el.classList && el.classList.contains("dp-notes")) {
        var toggle = document.querySelector('[aria-controls="' + el.id + '"]');
        if (toggle) setOpen(toggle, true);
      }
      el = el.parentElement;
    }
    note.classList.add("is-target");
    return true;
  }
  function fromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (revealNote(id)) {
      var note = document.getElementById(id);
      note.scrollIntoView({ block: "center" });
    }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();

  /* A highlighted phrase leads to its note: clicking the phrase opens the note. */
  document.querySelectorAll("mark.dp-quote").forEach(function (mark) {
    mark.addEventListener("click", function (event) {
      if (event.target.closest("a")) return; // a term link inside the phrase keeps its own behaviour
      var ref = mark.nextElementSibling;
      if (ref && ref.classList.contains("dp-quote__ref")) ref.click();
    });
  });

  /* ---- Terms: the short definition as a tooltip on hover and keyboard focus ---- */
  var tip = null;
  function showTip(link) {
    var def = document.getElementById(link.getAttribute("aria-describedby") || "");
    if (!def) return;
    hideTip();
    tip = document.createElement("div");
    tip.className = "dp-tooltip";
    tip.setAttribute("role", "tooltip");
    tip.id = "dp-tooltip";
    var name = document.createElement("strong");
    name.textContent = def.getAttribute("data-term-name") || link.textContent;
    tip.appendChild(name);
    tip.appendChild(document.createTextNode(" " + def.textContent));
    document.body.appendChild(tip);
    var r = link.getBoundingClientRect();
    var width = tip.offsetWidth;
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    var top = r.bottom + window.scrollY + 6;
    if (r.bottom + tip.offsetHeight + 12 > window.innerHeight && r.top > tip.offsetHeight + 12) {
      top = r.top + window.scrollY - tip.offsetHeight - 6;
    }
    tip.style.left = left + "px";
    tip.style.top = top + "px";
  }
  function hideTip() {
    if (tip) tip.remove();
    tip = null;
  }
  document.querySelectorAll("a.dp-term").forEach(function (link) {
    link.addEventListener("mouseenter", function () { showTip(link); });
    link.addEventListener("mouseleave", hideTip);
    link.addEventListener("focus", function () { showTip(link); });
    link.addEventListener("blur", hideTip);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hideTip();
  });

  /* ---- Glossary index: filter by kind ---- */
  var filters = document.querySelector(".dp-filters");
  if (filters) {
    filters.hidden = false;
    filters.addEventListener("click", function (event) {
      var button = event.target.closest(".dp-filter");
      if (!button) return;
      var kind = button.getAttribute("data-kind");
      filters.querySelectorAll(".dp-filter").forEach(function (b) {
        b.setAttribute("aria-pressed", b === button ? "true" : "false");
      });
      document.querySelectorAll(".dp-entry").forEach(function (entry) {
        entry.hidden = Boolean(kind) && entry.getAttribute("data-kind") !== kind;
      });
      document.querySelectorAll(".dp-glossary").forEach(function (list) {
        var any = list.querySelector(".dp-entry:not([hidden])");
        var heading = list.previousElementSibling;
        list.hidden = !any;
        if (heading && heading.tagName === "H2") heading.hidden = !any;
      });
    });
  }

  /* ---- Printing: every note open, so the handout and the essay print with their notes ---- */
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.dp-note").forEach(function (d) { d.open = true; });
  });

  /* ---- Reading paths: remember the path being walked, show a step bar on each stop ---- */
  var KEY = "dp-walk";
  function normalise(href) {
    var u = new URL(href, location.href);
    return u.pathname.replace(/index\.html$/, "") + u.hash;
  }
  function loadWalk() {
    try { return JSON.parse(sessionStorage.getItem(KEY) || "null"); } catch (e) { return null; }
  }
  function saveWalk(walk) {
    try {
      if (walk) sessionStorage.setItem(KEY, JSON.stringify(walk)); else sessionStorage.removeItem(KEY);
    } catch (e) { /* storage refused (private mode): the bar simply does not appear */ }
  }
  var list = document.querySelector(".dp-stops");
  if (list) {
    var stops = Array.prototype.map.call(list.querySelectorAll("a.dp-stop__go"), function (a) {
      return { href: a.href, label: a.textContent };
    });
    var start = function (step) {
      saveWalk({ path: list.getAttribute("data-path"), title: list.getAttribute("data-title"),
                 home: location.href.split("#")[0], stops: stops, step: step });
    };
    document.querySelectorAll("a.dp-stop__go, a.dp-path__start").forEach(function (a) {
      a.addEventListener("click", function () { start(parseInt(a.getAttribute("data-step"), 10) - 1); });
    });
  }
  function renderBar() {
    var old = document.querySelector(".dp-stepbar");
    if (old) old.remove();
    var walk = loadWalk();
    if (!walk || !walk.stops || !walk.stops.length) return;
    var here = normalise(location.href);
    var onStep = walk.stops[walk.step] && normalise(walk.stops[walk.step].href) === here;
    if (!onStep) {
      var found = -1;
      walk.stops.forEach(function (s, i) { if (found < 0 && normalise(s.href) === here) found = i; });
      if (found < 0) {
        if (normalise(walk.home) !== normalise(location.href.split("#")[0])) saveWalk(null); // left the path
        return;
      }
      walk.step = found;
      saveWalk(walk);
    }
    var k = walk.step, n = walk.stops.length;
    var bar = document.createElement("nav");
    bar.className = "dp-stepbar";
    bar.setAttribute("aria-label", "Reading path");
    var title = document.createElement("a");
    title.href = walk.home;
    title.className = "dp-stepbar__title";
    title.textContent = walk.title;
    var where = document.createElement("span");
    where.className = "dp-stepbar__where";
    where.textContent = " · step " + (k + 1) + " of " + n;
    bar.appendChild(title);
    bar.appendChild(where);
    function link(cls, text, step) {
      var a = document.createElement("a");
      a.className = cls;
      a.textContent = text;
      a.href = walk.stops[step].href;
      a.addEventListener("click", function () { walk.step = step; saveWalk(walk); });
      return a;
    }
    if (k > 0) bar.appendChild(link("dp-stepbar__prev", "← Previous", k - 1));
    if (k + 1 < n) bar.appendChild(link("dp-stepbar__next", "Next →", k + 1));
    else {
      var done = document.createElement("a");
      done.className = "dp-stepbar__next";
      done.href = walk.home;
      done.textContent = "Finish ✓";
      done.addEventListener("click", function () { saveWalk(null); });
      bar.appendChild(done);
    }
    var close = document.createElement("button");
    close.type = "button";
    close.className = "dp-stepbar__close";
    close.setAttribute("aria-label", "Leave this reading path");
    close.textContent = "×";
    close.addEventListener("click", function () { saveWalk(null); bar.remove(); });
    bar.appendChild(close);
    var main = document.querySelector(".md-main") || document.body;
    main.parentNode.insertBefore(bar, main);
    if (walk.stops[k].href.indexOf("#") >= 0) {
      var target = document.getElementById(decodeURIComponent(new URL(walk.stops[k].href).hash.slice(1)));
      if (target) target.classList.add("dp-on-path");
    }
  }
  window.addEventListener("hashchange", renderBar);
  renderBar();
})();
