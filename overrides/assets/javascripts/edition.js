/* The edition's behaviour, in plain script with no library and no request to another host: notes beside
   the text, reading mode and layers, previews of terms, works and paragraphs, highlights, the glossary
   filter, and walking a reading path. Without it every note is shown and every link simply leads on. */
(function () {
  "use strict";
  var root = document.documentElement;  /* marked .dp-js by main.html before the page was drawn */
  var WIDE = window.matchMedia("(min-width: 60em)");
  var TOUCH = window.matchMedia("(hover: none)");

  function stored(key) {
    try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }
  function store(key, value) {
    try {
      if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, JSON.stringify(value));
    } catch (e) { /* storage refused (private mode): the choice lasts for this page only */ }
  }
  function each(selector, fn, scope) { Array.prototype.forEach.call((scope || document).querySelectorAll(selector), fn); }
  /* A page reloaded, or reached back or forward through the history, is put back by the browser where the
     reader left it (the window, not a box of notes), once it has loaded: the page's own first placing (a
     note the address names, a path's stop) then leaves the window alone, or the two would race. */
  var NAVIGATION = window.performance && performance.getEntriesByType && performance.getEntriesByType("navigation")[0];
  var RETURNED = !!NAVIGATION && (NAVIGATION.type === "reload" || NAVIGATION.type === "back_forward") &&
    history.scrollRestoration !== "manual";

  /* ---- Notes: a paragraph's button shows or hides its notes (all shown beside the text on wide screens,
     hidden under it on phones until one tap opens them) ---- */
  function setOpen(button, open) {
    var aside = document.getElementById(button.getAttribute("aria-controls"));
    button.setAttribute("aria-expanded", open ? "true" : "false");
    if (aside) { aside.classList.toggle("is-open", open); aside.classList.toggle("is-closed", !open); }
  }
  each(".dp-notes-toggle", function (button) {
    setOpen(button, WIDE.matches);
    button.addEventListener("click", function () {
      setOpen(button, button.getAttribute("aria-expanded") !== "true");
    });
  });

  /* On a wide screen a paragraph's notes scroll in a box of their own (edition.css). A note reached by Tab,
     a highlight or the address shows there from its head, not from wherever the browser's scrolling left
     it (a note taller than the box would show its end), with the box clear of the sticky header; this runs
     after the browser's own scrolling, which follows the focus event. A click in a note's text focuses it
     too, and moves nothing: the reader may be selecting. Shadows inside the box's edges say that it
     scrolls on above or below. */
  var NOTES_BOX = ".dp-essay .dp-para > .dp-notes";
  function fromItsHead(note, boxOnly) {
    var box = note.closest(NOTES_BOX);
    if (!box) return;
    window.requestAnimationFrame(function () {
      if (box.scrollHeight <= box.clientHeight) return;
      box.scrollTop += note.getBoundingClientRect().top - box.getBoundingClientRect().top - 6;
      if (boxOnly) return;
      var header = document.querySelector(".md-header");
      var below = (header ? header.getBoundingClientRect().bottom : 0) + 8, top = box.getBoundingClientRect().top;
      if (top < below) window.scrollBy(0, top - below);
    });
  }
  function shade(box) {
    var more = box.scrollHeight - box.clientHeight;
    box.classList.toggle("has-above", more > 1 && box.scrollTop > 1);
    box.classList.toggle("has-below", more > 1 && box.scrollTop < more - 1);
  }
  var boxes = document.querySelectorAll(NOTES_BOX);
  var resized = window.ResizeObserver && new ResizeObserver(function () { Array.prototype.forEach.call(boxes, shade); });
  Array.prototype.forEach.call(boxes, function (box) {
    box.addEventListener("focusin", function (event) {
      if (event.target.classList.contains("dp-note") && event.target.matches(":focus-visible")) fromItsHead(event.target);
    });
    box.addEventListener("scroll", function () { shade(box); }, { passive: true });
    if (resized) {
      resized.observe(box);
      each(":scope > .dp-note", function (note) { resized.observe(note); }, box);
    }
    shade(box);
  });

  /* Open (and reveal) the note a link or the address points to. */
  function revealNote(id) {
    var named = id && document.getElementById(id);
    var note = named && named.closest(".dp-note");  /* the note, or a part of it (its label, a heading) */
    if (!note) return null;
    for (var el = note; el; el = el.parentElement) {
      if (el.classList && el.classList.contains("dp-notes")) {
        var toggle = document.querySelector('[aria-controls="' + el.id + '"]');
        if (toggle) setOpen(toggle, true);
      }
      if (el.classList && el.classList.contains("dp-note")) el.classList.add("is-expanded");
    }
    each(".dp-note.is-target", function (n) { n.classList.remove("is-target"); });
    note.classList.add("is-target");
    return note;
  }
  /* An address's fragment as an id; a fragment that is no valid percent-encoding ("#%") names nothing,
     and must not stop the rest of this script. */
  function hashId(hash) {
    try {
      return decodeURIComponent(hash.slice(1));
    } catch (e) {
      return "";
    }
  }
  function fromHash(event) {
    /* A paragraph id retired by a correction (its paragraph merged or split) leads to its successor. */
    var retired = document.getElementById(hashId(location.hash));
    if (retired && retired.classList.contains("dp-retired")) {
      location.replace("#" + retired.getAttribute("data-successor"));
      return;
    }
    var note = revealNote(hashId(location.hash));
    if (!note) return;
    var returned = RETURNED && !event;  /* the window is the browser's to put back; the box is not */
    if (!returned) note.scrollIntoView({ block: "center" });
    fromItsHead(note, returned);
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();

  /* A highlighted phrase and its notes light up together; a click on the phrase opens its note. */
  function marksOf(note) {
    return document.querySelectorAll('mark.dp-quote[data-notes~="' + note.id + '"]');
  }
  each(".dp-essay .dp-note, .dp-para-page .dp-note", function (note) {
    function light(on) {
      Array.prototype.forEach.call(marksOf(note), function (m) { m.classList.toggle("is-active", on); });
    }
    note.addEventListener("mouseenter", function () { light(true); });
    note.addEventListener("mouseleave", function () { light(false); });
    note.addEventListener("focusin", function () { light(true); });
    note.addEventListener("focusout", function () { light(false); });
  });
  each("mark.dp-quote", function (mark) {
    mark.addEventListener("click", function (event) {
      if (event.target.closest("a") || root.classList.contains("dp-reading")) return;
      var ids = (mark.getAttribute("data-notes") || "").split(" ");
      var id = ids.filter(function (i) { var n = document.getElementById(i); return n && !n.hidden; })[0];
      var note = revealNote(id);
      if (!note) return;
      note.scrollIntoView({ block: "nearest" });
      note.focus({ preventScroll: true });
      fromItsHead(note);
    });
  });

  /* ---- Reading tools: reading mode (no highlights), brief notes, layers ---- */
  var PREFS = "dp-prefs", LAYERS = "dp-layers";
  var prefs = stored(PREFS) || {};
  function applyPrefs() {
    root.classList.toggle("dp-reading", Boolean(prefs.reading));
    root.classList.toggle("dp-brief", Boolean(prefs.brief));
    each('.dp-tool[data-tool="reading"]', function (b) { b.setAttribute("aria-pressed", prefs.reading ? "true" : "false"); });
    each('.dp-tool[data-tool="brief"]', function (b) { b.setAttribute("aria-pressed", prefs.brief ? "true" : "false"); });
  }
  applyPrefs();

  /* Brief notes: each note in the margin can be read whole again with one click. */
  each(".dp-essay .dp-notes > .dp-note", function (note) {
    var body = note.querySelector(":scope > .dp-note__body");
    if (!body) return;
    body.id = body.id || note.id + "--body";  /* "--": no note's own id has it, so none can be taken */
    var more = document.createElement("button");
    more.type = "button";
    more.className = "dp-note__more";
    more.setAttribute("aria-controls", body.id);
    more.setAttribute("aria-expanded", "false");
    more.textContent = "Read the whole note";
    more.addEventListener("click", function () {
      var open = !note.classList.contains("is-expanded");
      note.classList.toggle("is-expanded", open);
      more.setAttribute("aria-expanded", open ? "true" : "false");
      more.textContent = open ? "Shorten the note" : "Read the whole note";
      more.scrollIntoView({ block: "nearest" });  /* in its box, where the note's new length put it */
    });
    body.insertAdjacentElement("afterend", more);
  });

  /* Layers: which notes are shown, by kind, course and contributor. The choice is kept in the address
     (?kinds=question&by=editors, so that a link can open the essay with questions only) and remembered for
     the next page. A group left whole is not written down. */
  var tools = document.querySelector(".dp-tools");
  var GROUPS = { kinds: "data-kind", courses: "data-course", by: "data-authors" };
  function layersFromAddress() {
    var params = new URLSearchParams(location.search), found = false, layers = {};
    Object.keys(GROUPS).forEach(function (g) {
      if (params.has(g)) { found = true; layers[g] = params.get(g).split(",").filter(Boolean); }
    });
    return found ? layers : null;
  }
  function noteShown(note, layers) {
    return Object.keys(GROUPS).every(function (g) {
      if (!layers[g]) return true;
      var values = (note.getAttribute(GROUPS[g]) || "").split(" ");
      return values.some(function (v) { return layers[g].indexOf(v) >= 0; });
    });
  }
  function applyLayers(layers) {
    var shown = 0, total = 0;
    each(".dp-note", function (note) {
      var show = noteShown(note, layers);
      note.hidden = !show;
      total += 1;
      if (show) shown += 1;
    });
    each("mark.dp-quote", function (mark) {
      var any = (mark.getAttribute("data-notes") || "").split(" ").some(function (id) {
        var n = document.getElementById(id); return n && !n.hidden;
      });
      mark.classList.toggle("dp-quote--off", !any);
    });
    each(".dp-notes-toggle", function (button) {
      var aside = document.getElementById(button.getAttribute("aria-controls"));
      if (!aside) return;
      var all = aside.querySelectorAll(".dp-note").length;
      var visible = aside.querySelectorAll(".dp-note:not([hidden])").length;
      var count = button.querySelector(".dp-notes-toggle__count");
      if (count) count.textContent = (visible === all ? all : visible + " of " + all) + (all === 1 ? " note" : " notes");
    });
    each(".dp-tool__shown", function (s) { s.textContent = (shown === total ? total : shown + " of " + total) + " notes"; });
    if (tools) {
      each("input[type=checkbox]", function (box) {
        var chosen = layers[box.name];
        box.checked = !chosen || chosen.indexOf(box.value) >= 0;
      }, tools);
    }
  }
  function layersFromBoxes() {
    var layers = {};
    each(".dp-layers__group", function (group) {
      var name = group.getAttribute("data-layer");
      var boxes = group.querySelectorAll("input[type=checkbox]");
      var on = Array.prototype.filter.call(boxes, function (b) { return b.checked; }).map(function (b) { return b.value; });
      if (on.length < boxes.length) layers[name] = on;
    }, tools);
    return layers;
  }
  function writeAddress(layers) {
    var params = new URLSearchParams(location.search);
    Object.keys(GROUPS).forEach(function (g) {
      if (layers[g]) params.set(g, layers[g].join(",")); else params.delete(g);
    });
    var query = params.toString().replace(/%2C/g, ",");
    history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }
  if (tools) {
    tools.hidden = false;
    var layers = layersFromAddress() || stored(LAYERS) || {};
    applyLayers(layers);
    writeAddress(layers);
    var panel = document.getElementById("dp-layers");
    tools.addEventListener("click", function (event) {
      var button = event.target.closest(".dp-tool");
      if (!button) return;
      var tool = button.getAttribute("data-tool");
      if (tool === "reading" || tool === "brief") {
        prefs[tool] = !prefs[tool];
        store(PREFS, prefs);
        applyPrefs();
      } else if (tool === "layers") {
        var open = button.getAttribute("aria-expanded") !== "true";
        button.setAttribute("aria-expanded", open ? "true" : "false");
        panel.hidden = !open;
      } else if (tool === "all") {
        layers = {};
        store(LAYERS, null);
        applyLayers(layers);
        writeAddress(layers);
      }
    });
    tools.addEventListener("change", function () {
      layers = layersFromBoxes();
      store(LAYERS, Object.keys(layers).length ? layers : null);
      applyLayers(layers);
      writeAddress(layers);
    });
  }

  /* ---- Previews: a term's definition, a work's reference, a paragraph's opening, on hover and keyboard
     focus; a tap on a touch screen shows it in place (the address stays), with a link onward ---- */
  function previewOf(link) {
    var id = link.getAttribute("aria-describedby");
    if (link.classList.contains("dp-cite")) {
      var hash = (link.getAttribute("href") || "").split("#")[1] || "";
      id = hash.indexOf("ref-") === 0 ? "dp-work-" + hash.slice(4) : id;
    }
    var def = id && document.getElementById(id);
    if (!def) {
      var href = link.getAttribute("href");
      def = href && Array.prototype.filter.call(document.querySelectorAll(".dp-defs [data-href]"), function (d) {
        return d.getAttribute("data-href") === href;
      })[0];
    }
    return def || null;
  }
  var tip = null, pop = null;
  function place(box, link) {
    document.body.appendChild(box);
    var r = link.getBoundingClientRect();
    var width = box.offsetWidth, view = document.documentElement.clientWidth;
    box.style.left = Math.max(8, Math.min(r.left, view - width - 8)) + window.scrollX + "px";
    var top = r.bottom + window.scrollY + 6;
    if (r.bottom + box.offsetHeight + 12 > window.innerHeight && r.top > box.offsetHeight + 12) {
      top = r.top + window.scrollY - box.offsetHeight - 6;
    }
    box.style.top = top + "px";
  }
  function fill(box, def, link) {
    var name = document.createElement("strong");
    name.textContent = def.getAttribute("data-term-name") || link.textContent;
    box.appendChild(name);
    box.appendChild(document.createTextNode(" " + def.textContent));
  }
  function hideTip() { if (tip) tip.remove(); tip = null; }
  function showTip(link) {
    var def = previewOf(link);
    if (!def || pop) return;
    hideTip();
    tip = document.createElement("div");
    tip.className = "dp-tooltip";
    tip.setAttribute("role", "tooltip");
    tip.id = "dp-tooltip";
    fill(tip, def, link);
    place(tip, link);
  }
  function closePop(focusBack) {
    if (!pop) return;
    var from = pop.dpFrom;
    pop.remove();
    pop = null;
    if (focusBack && from) from.focus();
  }
  function showPop(link) {
    var def = previewOf(link);
    if (!def) return false;
    hideTip();
    closePop(false);
    pop = document.createElement("div");
    pop.className = "dp-popover";
    pop.setAttribute("role", "dialog");
    pop.setAttribute("aria-label", def.getAttribute("data-term-name") || link.textContent);
    pop.dpFrom = link;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "dp-popover__close";
    close.setAttribute("aria-label", "Close");
    close.textContent = "×";
    close.addEventListener("click", function () { closePop(true); });
    pop.appendChild(close);
    fill(pop, def, link);
    var onward = document.createElement("a");
    onward.href = link.href;
    onward.className = "dp-popover__go";
    onward.textContent = link.classList.contains("dp-term") ? "Open the glossary entry →"
      : link.classList.contains("dp-cite") ? "Open the works cited →" : "Go to the paragraph →";
    var p = document.createElement("p");
    p.style.margin = "0.4rem 0 0";
    p.appendChild(onward);
    pop.appendChild(p);
    place(pop, link);
    close.focus({ preventScroll: true });
    return true;
  }
  var lastPointer = "";
  document.addEventListener("pointerdown", function (event) { lastPointer = event.pointerType; }, true);
  function previewable(link) {
    return link.classList.contains("dp-term") || link.classList.contains("dp-cite") || Boolean(previewOf(link));
  }
  each("a.dp-term, a.dp-cite, .dp-note__body a[href], .dp-stop__guide a[href]", function (link) {
    if (!previewable(link)) return;
    link.addEventListener("mouseenter", function () { if (lastPointer !== "touch") showTip(link); });
    link.addEventListener("mouseleave", hideTip);
    link.addEventListener("focus", function () { if (lastPointer !== "touch") showTip(link); });
    link.addEventListener("blur", hideTip);
    link.addEventListener("click", function (event) {
      var touch = (event.pointerType || lastPointer) === "touch" || TOUCH.matches;
      if (touch && showPop(link)) event.preventDefault();
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { hideTip(); closePop(true); }
  });
  document.addEventListener("click", function (event) {
    if (pop && !pop.contains(event.target) && event.target !== pop.dpFrom && !(pop.dpFrom && pop.dpFrom.contains(event.target))) closePop(false);
  });

  /* ---- Glossary index: filter by kind ---- */
  var filters = document.querySelector(".dp-filters");
  if (filters) {
    filters.hidden = false;
    filters.addEventListener("click", function (event) {
      var button = event.target.closest(".dp-filter");
      if (!button) return;
      var kind = button.getAttribute("data-kind");
      each(".dp-filter", function (b) { b.setAttribute("aria-pressed", b === button ? "true" : "false"); }, filters);
      each(".dp-entry", function (entry) {
        entry.hidden = Boolean(kind) && entry.getAttribute("data-kind") !== kind;
      });
      each(".dp-glossary", function (list) {
        var any = list.querySelector(".dp-entry:not([hidden])");
        var heading = list.previousElementSibling;
        list.hidden = !any;
        if (heading && heading.tagName === "H2") heading.hidden = !any;
      });
    });
  }

  /* ---- Printing: the chosen notes open beside their paragraphs, whole ---- */
  window.addEventListener("beforeprint", function () {
    each(".dp-notes", function (aside) { aside.classList.add("is-printing"); });
  });
  window.addEventListener("afterprint", function () {
    each(".dp-notes", function (aside) { aside.classList.remove("is-printing"); });
  });

  /* ---- Reading paths: remember the path being walked; on each stop, a card just above the stop's target
     with its guide and questions (it takes its place in the page, so it never covers the text), the
     previous and next steps, and the keys N and P ---- */
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
    var stops = Array.prototype.map.call(list.querySelectorAll(":scope > .dp-stop"), function (li) {
      var go = li.querySelector("a.dp-stop__go");
      var guide = li.querySelector(".dp-stop__guide");
      var questions = li.querySelector(".dp-stop__questions");
      return {
        href: go.href, label: go.textContent,
        /* This page's own HTML, built and sanitised by the edition; carried to the stop for the card. */
        guide: guide ? guide.innerHTML : "", questions: questions ? questions.innerHTML : ""
      };
    });
    var start = function (step) {
      saveWalk({ path: list.getAttribute("data-path"), title: list.getAttribute("data-title"),
                 home: location.href.split("#")[0], stops: stops, step: step });
    };
    each("a.dp-stop__go, a.dp-path__start", function (a) {
      a.addEventListener("click", function () { start(parseInt(a.getAttribute("data-step"), 10) - 1); });
    });
  }
  function html(text) {
    var t = document.createElement("template");
    t.innerHTML = text;
    return t.content;
  }
  var walkKeys = null;
  function renderBar(event) {
    var old = document.querySelector(".dp-stepbar");
    if (old) old.remove();
    each(".dp-on-path", function (el) { el.classList.remove("dp-on-path"); });
    walkKeys = null;
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
    var k = walk.step, n = walk.stops.length, stop = walk.stops[k];
    var bar = document.createElement("nav");
    bar.className = "dp-stepbar";
    bar.setAttribute("aria-label", "Reading path: step " + (k + 1) + " of " + n);
    var head = document.createElement("p");
    head.className = "dp-stepbar__head";
    var title = document.createElement("a");
    title.href = walk.home;
    title.className = "dp-stepbar__title";
    title.textContent = walk.title;
    var where = document.createElement("span");
    where.className = "dp-stepbar__where";
    where.textContent = "Step " + (k + 1) + " of " + n + ": " + stop.label;
    head.appendChild(title);
    head.appendChild(where);
    bar.appendChild(head);
    if (stop.guide || stop.questions) {
      var more = document.createElement("details");
      more.className = "dp-stepbar__guide";
      more.open = WIDE.matches; // on a phone, folded: the stop's text comes first, the guide a tap away
      var summary = document.createElement("summary");
      summary.textContent = stop.questions ? "Guide and questions" : "Guide";
      more.appendChild(summary);
      if (stop.guide) more.appendChild(html(stop.guide));
      if (stop.questions) {
        var q = document.createElement("div");
        q.className = "dp-stepbar__questions";
        q.appendChild(html(stop.questions));
        more.appendChild(q);
      }
      bar.appendChild(more);
    }
    var moves = document.createElement("p");
    moves.className = "dp-stepbar__moves";
    function link(cls, text, key, href, step) {
      var a = document.createElement("a");
      a.className = cls;
      a.href = href;
      a.appendChild(document.createTextNode(text + " "));
      var kbd = document.createElement("kbd");
      kbd.textContent = key;
      kbd.title = "Key " + key;
      a.appendChild(kbd);
      a.addEventListener("click", function () {
        if (step === null) saveWalk(null); else { walk.step = step; saveWalk(walk); }
      });
      moves.appendChild(a);
      return a;
    }
    var prev = k > 0 ? link("dp-stepbar__prev", "← Previous", "P", walk.stops[k - 1].href, k - 1) : null;
    var next = k + 1 < n ? link("dp-stepbar__next", "Next →", "N", walk.stops[k + 1].href, k + 1)
                         : link("dp-stepbar__next", "Finish ✓", "N", walk.home, null);
    var close = document.createElement("button");
    close.type = "button";
    close.className = "dp-stepbar__close";
    close.textContent = "Leave the path";
    close.addEventListener("click", function () { saveWalk(null); renderBar(); });
    moves.appendChild(close);
    bar.appendChild(moves);
    walkKeys = { prev: prev, next: next };

    var target = null;
    if (stop.href.indexOf("#") >= 0) {
      target = document.getElementById(hashId(new URL(stop.href).hash));
    }
    if (target) {
      target.classList.add("dp-on-path");
      target.parentNode.insertBefore(bar, target);
      /* Following the link scrolls to the target: leave room above it for the header and the card. */
      var header = document.querySelector(".md-header");
      var margin = function () {
        target.style.scrollMarginTop = (bar.offsetHeight + (header ? header.offsetHeight : 0) + 24) + "px";
      };
      var room = function () { margin(); target.scrollIntoView({ block: "start" }); };
      var place = RETURNED && !event ? margin : room;  /* on a return, the window is the browser's to put back */
      place();
      if (document.readyState !== "complete") window.addEventListener("load", place, { once: true });
      bar.addEventListener("toggle", margin, true);
    } else {
      var content = document.querySelector(".md-content__inner") || document.body;
      content.insertBefore(bar, content.firstChild);
    }
  }
  /* N and P walk the path (and take over Material's own N and P, next and previous page, meanwhile). */
  window.addEventListener("keydown", function (event) {
    if (!walkKeys || event.ctrlKey || event.metaKey || event.altKey) return;
    var el = event.target;
    if (el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName))) return;
    var key = event.key.toLowerCase();
    var go = key === "n" ? walkKeys.next : key === "p" ? walkKeys.prev : null;
    if (!go) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    go.click();
  }, true);
  window.addEventListener("hashchange", renderBar);
  renderBar();

  root.classList.add("dp-ready");  /* all of the above is in place: main.html keeps the page's .dp-js */
})();
