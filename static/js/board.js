// The board's keyboard shortcuts, drag and drop, undo timer and focus handling,
// and (for the customer pages too) keeping typed text when htmx re-renders a region.
// Everything here is an enhancement: every action is also a plain form or link.
(function () {
  "use strict";

  // Keyboard in note and header forms: Ctrl/Cmd+Enter saves, Escape cancels,
  // plain Enter is left alone (a new line in the text).
  document.addEventListener("keydown", function (event) {
    var form = event.target.closest && event.target.closest("form[data-keys]");
    if (!form) return;
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    } else if (event.key === "Escape") {
      var cancel = form.querySelector("[data-cancel]");
      if (cancel) {
        event.preventDefault();
        cancel.click();
      }
    }
  });

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

  // Typed text survives when htmx re-renders a region around it (after a move,
  // say). Open edit forms (a note's, a segment's, a stage's) and add forms marked
  // data-keep-typing stay as they are whenever the response would put something
  // else in their place: their ids are marked "hx-preserve" in the incoming HTML.
  // The form that sent the request is not kept: its own answer replaces it.
  // The board and the customer pages both load this file for it.
  var KEEP = "[data-keep-typing][id], li.note-editing[id], li.note-gone[id]";

  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    if (!detail.shouldSwap || typeof detail.serverResponse !== "string") return;
    var source = detail.requestConfig && detail.requestConfig.elt;
    var kept = Array.prototype.filter.call(document.querySelectorAll(KEEP), function (item) {
      return !(source && item.contains(source)) && !(detail.target && item.contains(detail.target));
    });
    if (!kept.length) return;
    var template = document.createElement("template");
    template.innerHTML = detail.serverResponse;
    var changed = false;
    kept.forEach(function (item) {
      var typed = fieldValues(item);
      var incoming = template.content.getElementById(item.id);
      if (incoming ? fieldValues(incoming) === typed : !hasFields(item)) return;
      incoming = incoming || placeholderFor(item, template.content);
      if (!incoming) return;
      incoming.setAttribute("hx-preserve", "true");
      changed = true;
    });
    if (changed) detail.serverResponse = template.innerHTML;
  });

  // What a person can type or choose in an element, as one string to compare.
  function fieldValues(root) {
    return Array.prototype.map.call(root.querySelectorAll("input, textarea, select"), function (field) {
      if (/^(hidden|submit|button|reset|image)$/.test(field.type)) return "";
      if (field.type === "checkbox" || field.type === "radio") {
        return field.checked ? field.name + "=" + field.value : "";
      }
      if (field.tagName === "SELECT") {
        return field.name + "=" + Array.prototype.map.call(field.selectedOptions, function (option) {
          return option.value;
        }).join(",");
      }
      return field.name + "=" + field.value;
    }).join("\n");
  }

  function hasFields(root) {
    return !!root.querySelector("textarea, select, input:not([type=hidden])");
  }

  // An editor the response leaves out (its record was removed meanwhile, or it is
  // the form offering to add a removed record back) stays where it was, as long as
  // its list is in the response.
  function placeholderFor(item, content) {
    var list = item.parentElement && item.parentElement.id &&
      content.getElementById(item.parentElement.id);
    if (!list) return null;
    var before = null;
    for (var next = item.nextElementSibling; next && !before; next = next.nextElementSibling) {
      var match = next.id && content.getElementById(next.id);
      if (match && match.parentNode === list) before = match;
    }
    var placeholder = document.createElement(item.tagName);
    placeholder.id = item.id;
    list.insertBefore(placeholder, before);
    return placeholder;
  }

  // "Undo" stays for a few seconds, and for as long as the keyboard focus is on it.
  htmx.onLoad(function (root) {
    var items = root.matches && root.matches(".note-undo") ? [root] : root.querySelectorAll(".note-undo");
    Array.prototype.forEach.call(items, startUndoTimer);
  });

  function startUndoTimer(item) {
    var seconds = parseInt(item.getAttribute("data-undo-seconds"), 10) || 10;
    function expire() {
      if (!document.body.contains(item)) return;
      if (item.contains(document.activeElement)) {
        item.addEventListener("focusout", function later() {
          item.removeEventListener("focusout", later);
          setTimeout(expire, 1500);
        });
        return;
      }
      item.remove();
    }
    setTimeout(expire, seconds * 1000);
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
      values: { direction: "area", area: list.getAttribute("data-area"), position: position }
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
