// Small behaviours shared by every page. htmx itself comes from django-htmx.
(function () {
  "use strict";

  function showMessage(text, kind) {
    var box = document.getElementById("messages");
    if (!box) return;
    var p = document.createElement("p");
    p.className = "message message-" + (kind || "error");
    p.textContent = text + " ";
    var close = document.createElement("button");
    close.type = "button";
    close.className = "message-close";
    close.setAttribute("aria-label", "Dismiss message");
    close.setAttribute("data-dismiss", "");
    close.textContent = "×";
    p.appendChild(close);
    box.appendChild(p);
  }
  window.lmcShowMessage = showMessage;

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-dismiss]");
    if (button) button.closest(".message").remove();
  });

  // Errors htmx does not swap (500s, lost connections) still say something.
  document.addEventListener("htmx:responseError", function () {
    showMessage("Something went wrong and that change was not saved. Your text is still in the form; please try again.");
  });
  document.addEventListener("htmx:sendError", function () {
    showMessage("We couldn't reach the server. Check your connection; your text is still in the form.");
  });

  // Keyboard in forms marked data-keys (notes, the canvas header): Ctrl/Cmd+Enter
  // saves, Escape cancels, plain Enter is left alone (a new line in the text).
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

  // Typed text survives when htmx re-renders a region around it (after a move,
  // say). Open edit forms (a note's, a segment's, a stage's) and add forms marked
  // data-keep-typing stay as they are whenever the response would put something
  // else in their place: their ids are marked "hx-preserve" in the incoming HTML.
  // The form that sent the request is not kept: its own answer replaces it.
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

  // "Undo" offers (notes, investment lines) stay for data-undo-seconds, and for as
  // long as the keyboard focus is on them.
  var UNDO = "[data-undo-seconds]";
  htmx.onLoad(function (root) {
    var items = root.matches && root.matches(UNDO) ? [root] : root.querySelectorAll(UNDO);
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
})();
