// The board's note tools, drag and drop, Ctrl+Z and "dismiss" buttons; the behaviours
// every page shares (keyboard shortcuts in forms, typed text kept across re-renders, the
// undo timer) are in app.js, live updates in live.js. Everything here is an enhancement:
// without JavaScript a note's link opens its own page, where every action is a form.
(function () {
  "use strict";

  // A note as the board shows it (not an open form or a conflict panel).
  var CARD = ".notes > li.note:not(.note-editing):not(.note-stale)";

  function cardOf(el) {
    var li = el && el.closest ? el.closest(CARD) : null;
    return li && li.querySelector("a.note-text") ? li : null;
  }

  // The note's own page; its actions live below it (canvas/urls.py).
  function noteUrl(li, action) {
    return li.querySelector("a.note-text").getAttribute("href") + (action ? action + "/" : "");
  }

  function areaOf(li) {
    return li.parentNode.getAttribute("data-area");
  }

  // "Dismiss" / "Discard" on a note someone else deleted.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-remove-closest]");
    if (!button) return;
    var item = button.closest("li");
    var list = item && item.closest(".notes");
    if (item) item.remove();
    focusList(list);
  });

  function focusList(list) {
    if (!list) return;
    var target = list.querySelector(".note-text[href]") ||
      list.closest(".area").querySelector(".add-button");
    if (target) target.focus();
  }

  // The note tools: one control for every note, beside the note pointed at or focused. ----------

  var tools = document.getElementById("note-tools");
  var home = tools && tools.parentNode;
  var touched = false; // the last pointer was a finger: a tap shows the tools first

  function attach(li) {
    if (!tools || tools.parentNode === li) return;
    closePanels();
    li.appendChild(tools);
    tools.hidden = false;
    var text = li.querySelector(".note-text");
    Array.prototype.forEach.call(tools.querySelectorAll("button, summary"), function (control) {
      control.setAttribute("aria-describedby", text.id);
    });
    var select = tools.querySelector("select");
    select.value = areaOf(li);
    Array.prototype.forEach.call(tools.querySelectorAll("[data-tool=colour]"), function (swatch) {
      swatch.setAttribute("aria-pressed", li.classList.contains("note-" + swatch.value) ? "true" : "false");
    });
  }

  function park() {
    if (!tools || tools.parentNode === home) return;
    closePanels();
    tools.hidden = true;
    home.appendChild(tools);
  }

  function closePanels() {
    Array.prototype.forEach.call(tools.querySelectorAll("details[open]"), function (panel) {
      panel.open = false;
    });
  }

  function busy() {
    return tools.contains(document.activeElement) || !!tools.querySelector("details[open]");
  }

  function leaveIfIdle() {
    var li = tools.parentNode;
    if (li === home || busy() || li.contains(document.activeElement) || li.matches(":hover")) return;
    park();
  }

  window.lmcNoteTools = { park: park, attach: attach };

  if (tools) {
    document.addEventListener("focusin", function (event) {
      var li = cardOf(event.target);
      if (li && !touched && event.target.matches("a.note-text")) attach(li);
    });
    // The tools stay while the note is pointed at or focused (or a panel of theirs is open).
    document.addEventListener("mouseover", function (event) {
      if (touched || busy()) return;
      var li = cardOf(event.target);
      if (li) attach(li);
      else if (!tools.contains(event.target)) leaveIfIdle();
    });
    document.addEventListener("focusout", function () {
      setTimeout(leaveIfIdle, 0);
    });
    document.addEventListener("pointerdown", function (event) {
      touched = event.pointerType === "touch";
      var li = cardOf(event.target);
      if (li && !tools.contains(event.target)) li.draggable = true;
    });
    // A note's panels ("Move to…", "Colour") open one at a time.
    tools.addEventListener("toggle", function (event) {
      if (!event.target.open) return;
      Array.prototype.forEach.call(tools.querySelectorAll("details[open]"), function (panel) {
        if (panel !== event.target) panel.open = false;
      });
    }, true);
    // Escape closes an open panel, back on its summary.
    tools.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      var panel = event.target.closest("details[open]");
      if (!panel) return;
      panel.open = false;
      panel.querySelector("summary").focus();
    });
  }

  // Clicking a note edits it in place (a tap on a touch screen shows its tools first).
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.note-text");
    var li = link && cardOf(link);
    if (!li || !tools || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    if (touched && tools.parentNode !== li) {
      attach(li);
      return;
    }
    edit(li);
  });

  function edit(li) {
    htmx.ajax("GET", noteUrl(li, "edit"), { source: li, target: li, swap: "outerHTML" });
  }

  if (tools) {
    tools.addEventListener("click", function (event) {
      var control = event.target.closest("[data-tool]");
      var li = tools.parentNode;
      if (!control || !li || !li.matches(CARD)) return;
      var version = li.getAttribute("data-v");
      var list = "#" + li.parentNode.id;
      var kind = control.getAttribute("data-tool");
      if (kind === "edit") {
        edit(li);
      } else if (kind === "up" || kind === "down") {
        post(li, "move", list, { direction: kind, version: version });
      } else if (kind === "area") {
        post(li, "move", list, {
          direction: "area", area: tools.querySelector("select").value, version: version
        });
      } else if (kind === "colour") {
        post(li, "colour", li, { colour: control.value, version: version });
      } else if (kind === "delete") {
        post(li, "delete", li, { version: version });
      }
    });
  }

  function post(li, action, target, values) {
    htmx.ajax("POST", noteUrl(li, action), { source: li, target: target, swap: "outerHTML", values: values });
  }

  // A swap that replaces the note the tools are on: they wait aside, and come back to the
  // same note (with the focus on the same tool) if it is still there.
  var returning = null;

  function aside(target) {
    if (!tools || !target || !target.contains(tools) || tools.parentNode === home) return;
    var li = tools.parentNode;
    var focused = tools.contains(document.activeElement) ? document.activeElement : null;
    returning = {
      id: li.id,
      tool: focused && (focused.getAttribute("data-tool") || (focused.tagName === "SUMMARY" && "summary"))
    };
    park();
  }

  document.addEventListener("htmx:beforeSwap", function (event) { aside(event.detail.target); });
  document.addEventListener("htmx:oobBeforeSwap", function (event) { aside(event.detail.target); });
  document.addEventListener("htmx:afterSettle", function () {
    if (!returning) return;
    var back = returning;
    returning = null;
    var li = document.getElementById(back.id);
    if (!li || !li.matches(CARD) || !li.querySelector("a.note-text")) return;
    if (document.activeElement && document.activeElement !== document.body &&
        !li.contains(document.activeElement)) return; // the answer put the focus elsewhere
    attach(li);
    var control = back.tool && tools.querySelector('[data-tool="' + back.tool + '"]');
    if (control && control.offsetParent !== null) control.focus();
  });

  // Ctrl+Z (⌘+Z) outside text fields undoes the person's last change, while it is offered.
  var offers = [];
  htmx.onLoad(function (root) {
    var found = root.matches && root.matches("[data-undo-seconds]") ? [root] : root.querySelectorAll("[data-undo-seconds]");
    Array.prototype.forEach.call(found, function (offer) { offers.push(offer); });
  });
  document.addEventListener("keydown", function (event) {
    if (!(event.ctrlKey || event.metaKey) || event.shiftKey || event.altKey || event.key.toLowerCase() !== "z") return;
    var target = event.target;
    if (target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
    offers = offers.filter(function (offer) { return document.body.contains(offer); });
    var offer = offers[offers.length - 1];
    var button = offer && offer.querySelector("button[type=submit]");
    if (!button) return;
    event.preventDefault();
    button.click();
  });

  // Drag and drop: the note moves in the page as it is dragged, and on drop its new place
  // is posted to the same address the "move" tools use.
  var drag = null;

  document.addEventListener("dragstart", function (event) {
    var note = event.target.closest && event.target.closest("li.note[draggable=true]");
    if (!note || !note.matches(CARD)) return;
    park();
    drag = { note: note, from: note.parentNode, next: note.nextSibling, dropped: false };
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", note.id);
    note.classList.add("is-dragging");
  });

  document.addEventListener("dragover", function (event) {
    if (!drag) return;
    var list = event.target.closest && event.target.closest(".notes");
    if (!list) {
      var area = event.target.closest && event.target.closest(".area");
      list = area && area.querySelector(".notes");
    }
    if (!list) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    var before = insertionPoint(list, event.clientX, event.clientY);
    if (before !== drag.note && (drag.note.parentNode !== list || drag.note.nextSibling !== before)) {
      list.insertBefore(drag.note, before);
    }
  });

  document.addEventListener("drop", function (event) {
    if (!drag) return;
    var list = drag.note.parentNode;
    if (!list || !list.classList.contains("notes")) return;
    event.preventDefault();
    drag.dropped = true;
    var note = drag.note;
    var position = Array.prototype.filter.call(list.children, function (item) {
      return item.classList.contains("note") && item.id;
    }).indexOf(note);
    note.classList.remove("is-dragging");
    htmx.ajax("POST", noteUrl(note, "move"), {
      source: note,
      target: "#" + drag.from.id,
      swap: "outerHTML",
      values: {
        direction: "area",
        area: list.getAttribute("data-area"),
        position: position,
        version: note.getAttribute("data-v")
      }
    }).then(function () {
      var link = document.getElementById(note.id + "-text");
      if (link) link.focus();
    });
  });

  document.addEventListener("dragend", function () {
    if (!drag) return;
    drag.note.classList.remove("is-dragging");
    if (!drag.dropped) {
      var next = drag.next && drag.next.parentNode === drag.from ? drag.next : null;
      drag.from.insertBefore(drag.note, next);
    }
    drag = null;
  });

  // The element to insert before, for a pointer at (x, y): lists are columns of
  // notes, or (investment & return) rows that wrap.
  function insertionPoint(list, x, y) {
    var items = Array.prototype.filter.call(list.children, function (item) {
      return item !== drag.note;
    });
    var rows = getComputedStyle(list).flexDirection.indexOf("row") === 0;
    for (var i = 0; i < items.length; i++) {
      var box = items[i].getBoundingClientRect();
      if (y < box.top) return items[i];
      if (y > box.bottom) continue;
      if (rows ? x < box.left + box.width / 2 : y < box.top + box.height / 2) return items[i];
    }
    return null;
  }
})();
