// The board's drag and drop and its "dismiss" buttons; the behaviours every page
// shares (keyboard shortcuts in forms, typed text kept across re-renders, the undo
// timer) are in app.js. Everything here is an enhancement: every action is also a
// plain form or link.
(function () {
  "use strict";

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

  // Drag and drop: the note moves in the page as it is dragged, and on drop its
  // new place is posted to the same endpoint the "move" buttons use.
  var drag = null;

  document.addEventListener("dragstart", function (event) {
    var note = event.target.closest && event.target.closest("li.note[draggable=true]");
    if (!note || note.classList.contains("note-editing")) return;
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
      return item.classList.contains("note");
    }).indexOf(note);
    var from = drag.from;
    htmx.ajax("POST", note.getAttribute("data-move-url"), {
      source: note,
      target: "#" + from.id,
      swap: "outerHTML",
      values: {
        direction: "area",
        area: list.getAttribute("data-area"),
        position: position,
        version: note.getAttribute("data-version")
      }
    }).then(function () {
      var link = document.getElementById(note.id + "-text");
      if (link) link.focus();
    });
  });

  document.addEventListener("dragend", function () {
    if (!drag) return;
    drag.note.classList.remove("is-dragging");
    if (!drag.dropped) drag.from.insertBefore(drag.note, drag.next);
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
