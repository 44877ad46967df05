// The presentation: arrow keys, space and Page Up/Down move between slides; "Full screen"
// uses the Fullscreen API, and leaving full screen (Escape) leaves the presentation.
// In full screen, slides are fetched and swapped in place (a page load would end full
// screen); the address follows, so a reload stays on the slide. Without JavaScript the
// Previous and Next links do the same job.
(function () {
  "use strict";
  var main = document.getElementById("main");
  if (!main || !main.classList.contains("presentation")) return;
  var exitUrl = main.getAttribute("data-exit-url");
  var wasFullscreen = false;
  var busy = false;

  function link(selector) {
    var element = document.querySelector(selector);
    return element ? element.getAttribute("href") : null;
  }

  function showFullscreenButton() {
    var button = document.querySelector("[data-fullscreen]");
    if (button && document.fullscreenEnabled) button.hidden = false;
  }

  function swap(url, push) {
    if (busy) return;
    busy = true;
    fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error("status " + response.status);
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        ["slide", "slide-nav"].forEach(function (id) {
          var fresh = page.getElementById(id);
          var current = document.getElementById(id);
          if (fresh && current) current.replaceWith(document.importNode(fresh, true));
        });
        document.title = page.title;
        if (push) history.pushState({ slide: url }, "", url);
        showFullscreenButton();
        main.focus({ preventScroll: true });
      })
      .catch(function () {
        window.location.assign(url);
      })
      .finally(function () {
        busy = false;
      });
  }

  function go(url) {
    if (!url) return;
    if (document.fullscreenElement) swap(url, true);
    else window.location.assign(url);
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var target = event.target;
    var onControl = target && target.closest && target.closest("a, button, input, select, textarea");
    var key = event.key;
    if (key === "ArrowRight" || key === "PageDown" || (key === " " && !onControl)) {
      event.preventDefault();
      go(link("[data-slide-next]"));
    } else if (key === "ArrowLeft" || key === "PageUp") {
      event.preventDefault();
      go(link("[data-slide-prev]"));
    }
  });

  document.addEventListener("click", function (event) {
    var target = event.target.closest && event.target.closest("[data-fullscreen], [data-slide-next], [data-slide-prev]");
    if (!target) return;
    if (target.hasAttribute("data-fullscreen")) {
      document.documentElement.requestFullscreen().catch(function () {});
    } else if (document.fullscreenElement) {
      event.preventDefault();
      swap(target.getAttribute("href"), true);
    }
  });

  document.addEventListener("fullscreenchange", function () {
    if (document.fullscreenElement) {
      wasFullscreen = true;
      document.body.classList.add("is-fullscreen");
    } else if (wasFullscreen) {
      window.location.assign(exitUrl);
    }
  });

  window.addEventListener("popstate", function () {
    if (document.fullscreenElement) swap(window.location.href, false);
    else window.location.reload();
  });

  showFullscreenButton();
})();
