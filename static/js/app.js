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
})();
