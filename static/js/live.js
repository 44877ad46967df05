// The live board: about once a second the board asks its feed (canvas/live.py) what
// changed since the last event it has, and puts the changes in place without a reload.
//
// What someone is doing is never disturbed: open edit and add forms, conflict panels,
// "Undo" offers, a note being dragged and a note whose "Move to…" is open stay as they
// are (a form learns that its note changed underneath, and who changed it); a note that
// changed is updated in place, so keyboard focus stays where it was. The board says when
// the connection is lost, and catches up when it is back (after a night asleep, too).
(function () {
  "use strict";

  var root = document.getElementById("board-live");
  if (!root || !window.fetch || !window.JSON) return;

  var POLL = parseInt(root.getAttribute("data-poll"), 10) || 1000; // ms between polls in view
  var HERE_EVERY = 10000; // ms between "still here" check-ins (core.live.PRESENCE_SECONDS is 25 s)
  var RENEW_TICKET = 4 * 60 * 1000; // the server accepts a ticket for ten minutes
  var BACKOFF = [1000, 2000, 4000, 8000, 15000, 30000];

  var feed = root.getAttribute("data-feed");
  var ticket = root.getAttribute("data-ticket");
  var seq = parseInt(root.getAttribute("data-seq"), 10) || 0;
  var tag = root.getAttribute("data-etag") || "";
  var tab = Math.random().toString(36).slice(2, 12) + Date.now().toString(36);
  var status = document.getElementById("live-status");
  var hereBox = document.getElementById("here");
  var news = document.createElement("p");
  news.className = "visually-hidden";
  news.setAttribute("role", "status");
  news.setAttribute("aria-live", "polite");
  root.appendChild(news);

  var ticketAt = Date.now();
  var lastHere = 0;
  var sentEditing = null;
  var timer = null;
  var busy = false;
  var failures = 0;
  var state = "live"; // live | lost | out (logged out) | gone (no access any more)
  var wantWhole = false; // something was held back (an open form, a drag): reload whole later
  var people = [];
  var lastEvents = {}; // note id -> the latest event about it
  // This board's own requests (htmx): an answer to a poll sent before one of them ended, or
  // while one is under way, may be older than what that request put on the page. It is
  // dropped; the next poll asks from the same point.
  var ownRequests = 0;
  var ownAnswered = 0;

  root.hidden = false;
  show("live");

  function show(newState, text) {
    state = newState;
    root.setAttribute("data-state", newState);
    var words = {
      live: "Live: changes by others appear as they happen.",
      lost: "Connection lost. Changes by others won't show until it is back; trying again…",
      out: "",
      gone: ""
    };
    status.textContent = text || words[newState] || "";
  }

  function schedule(ms) {
    clearTimeout(timer);
    timer = setTimeout(poll, ms);
  }

  function editingIds() {
    return Array.prototype.map.call(document.querySelectorAll(".notes > li.note-editing[id]"), function (li) {
      return li.id.replace("note-", "");
    }).join(",");
  }

  function poll() {
    if (busy || state === "gone") return;
    if (document.hidden) return; // resumes when the board is in view again
    var now = Date.now();
    var editing = editingIds();
    var query = "after=" + seq + "&tab=" + tab;
    if (now - lastHere > HERE_EVERY || editing !== sentEditing) {
      query += "&here=1&editing=" + editing;
      lastHere = now;
      sentEditing = editing;
    }
    var whole = wantWhole && !held();
    if (whole) query += "&resync=1";
    var headers = { "X-Live-Ticket": ticket, "HX-Request": "true" };
    // Logged out, only the full answer (through the session) can say it is over.
    if (tag && !whole && state !== "out" && now - ticketAt < RENEW_TICKET) {
      headers["If-None-Match"] = tag;
    }
    busy = true;
    var answeredBefore = ownAnswered;
    fetch(feed + "?" + query, { headers: headers, cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        if (response.headers.get("HX-Redirect")) return loggedOut(response.headers.get("HX-Redirect"));
        if (response.status === 304) return ok();
        if (response.status === 404) return gone("This canvas isn't on the board list any more: an owner may have moved it to the trash.");
        if (response.status === 403) return gone("You can no longer open this canvas. Copy anything you typed.");
        if (!response.ok) throw new Error("status " + response.status);
        return response.json().then(function (data) {
          if (!ownRequests && ownAnswered === answeredBefore) apply(data, whole);
          ok();
        });
      })
      .catch(function () {
        failures += 1;
        if (state !== "out") show("lost");
      })
      .then(function () {
        busy = false;
        if (state === "gone") return;
        if (state === "lost") schedule(BACKOFF[Math.min(failures - 1, BACKOFF.length - 1)]);
        else if (state === "out") schedule(10000);
        else schedule(POLL); // a dropped answer too: the next poll brings it all again
      });
  }

  // An answer came: the board is up to date (a 304 says nothing happened since its event;
  // after a loss, the first full answer brought everything that had).
  function ok() {
    failures = 0;
    if (state !== "live") show("live");
  }

  function loggedOut(where) {
    state = "out";
    root.setAttribute("data-state", "out");
    status.textContent = "";
    var link = document.createElement("a");
    link.href = (where || "/login/").split("?")[0] + "?next=" + encodeURIComponent(location.pathname);
    link.target = "_blank";
    link.rel = "noopener";
    link.textContent = "Log in again";
    status.appendChild(document.createTextNode("You've been logged out, so this board no longer updates. "));
    status.appendChild(link);
    status.appendChild(document.createTextNode(" (in a new tab, so nothing you typed here is lost); the board then catches up."));
  }

  function gone(text) {
    show("gone", text);
    setHere([]);
  }

  // Applying an update --------------------------------------------------------------------

  function parse(html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  function held() {
    return !!document.querySelector(".notes > li.note-editing, .notes > li.is-dragging");
  }

  // An element live updates leave alone: what someone is doing in it would be lost.
  function guarded(el) {
    var list = el.classList;
    return list.contains("note-editing") || list.contains("note-stale") ||
      list.contains("note-gone") || list.contains("note-undo") || list.contains("is-dragging") ||
      list.contains("htmx-request") || !!el.querySelector("details[open], .htmx-request");
  }

  function card(el) {
    return el.tagName === "LI" && el.classList.contains("note") && !guarded(el) &&
      !!el.querySelector(".note-text");
  }

  function apply(data, whole) {
    var focus = rememberFocus();
    var limbo = {};
    var incoming = {};
    data.events.forEach(function (event) {
      if (event.record) lastEvents[event.record] = event;
    });
    Object.keys(data.areas).forEach(function (key) {
      var fresh = parse(data.areas[key]);
      var list = document.getElementById("notes-" + key);
      if (!fresh || !list) return;
      Array.prototype.forEach.call(fresh.children, function (item) { incoming[item.id] = { item: item, list: key }; });
      reconcile(list, fresh, limbo);
    });
    if (data.header) replaceHeader(parse(data.header));
    Object.keys(data.panels).forEach(function (key) {
      replaceWhole(document.getElementById("panels-" + key), parse(data.panels[key]));
    });
    if (data.actions) replaceWhole(document.getElementById("board-actions"), parse(data.actions));
    noticeChanges(data, incoming);
    restoreFocus(focus);
    seq = data.seq;
    tag = data.etag;
    ticket = data.ticket;
    ticketAt = Date.now();
    if (whole) wantWhole = false;
    setHere(data.here);
    announce(data.events);
    document.dispatchEvent(new CustomEvent("live:updated"));
  }

  // Make `list` show what `fresh` (the same list, as the server renders it now) shows,
  // moving and patching what is there rather than replacing it.
  function reconcile(list, fresh, limbo) {
    var wanted = [];
    Array.prototype.slice.call(fresh.children).forEach(function (item) {
      var current = document.getElementById(item.id) || limbo[item.id];
      if (current && guarded(current)) {
        if (current.parentNode === list) wanted.push(current);
        else wantWhole = true; // it shows elsewhere for now (a drag, a form open there)
        return;
      }
      if (current && card(current) && card(item)) {
        patch(current, item);
        wanted.push(current);
      } else {
        item.classList.add("is-fresh");
        wanted.push(item);
      }
    });
    var kids = Array.prototype.slice.call(list.children);
    kids.forEach(function (kid, index) {
      if (wanted.indexOf(kid) >= 0 || !guarded(kid)) return;
      var after = null; // a guarded element keeps its place after the one before it
      for (var i = index - 1; i >= 0 && !after; i--) if (wanted.indexOf(kids[i]) >= 0) after = kids[i];
      wanted.splice(after ? wanted.indexOf(after) + 1 : 0, 0, kid);
    });
    var cursor = list.firstElementChild;
    wanted.forEach(function (item) {
      if (item === cursor) {
        cursor = cursor.nextElementSibling;
        return;
      }
      list.insertBefore(item, cursor);
    });
    while (cursor) {
      var next = cursor.nextElementSibling;
      if (cursor.contains(document.getElementById("note-tools"))) parkTools();
      if (cursor.id) limbo[cursor.id] = cursor;
      cursor.remove();
      cursor = next;
    }
    Array.prototype.forEach.call(list.querySelectorAll(".is-fresh"), function (item) {
      htmx.process(item);
      setTimeout(function () { item.classList.remove("is-fresh"); }, 2500);
    });
  }

  function patch(current, item) {
    var changed = false;
    if (current.className.replace(" is-fresh", "") !== item.className) {
      current.className = item.className;
      changed = true;
    }
    Array.prototype.forEach.call(item.attributes, function (attribute) {
      if (attribute.name !== "class" && current.getAttribute(attribute.name) !== attribute.value) {
        current.setAttribute(attribute.name, attribute.value);
      }
    });
    var text = current.querySelector(".note-text");
    var freshText = item.querySelector(".note-text");
    if (text.innerHTML !== freshText.innerHTML) {
      text.innerHTML = freshText.innerHTML;
      changed = true;
    }
    if (text.getAttribute("href") !== freshText.getAttribute("href")) {
      text.setAttribute("href", freshText.getAttribute("href"));
    }
    if (changed) {
      current.classList.add("is-fresh");
      setTimeout(function () { current.classList.remove("is-fresh"); }, 2500);
    }
  }

  function parkTools() {
    if (window.lmcNoteTools) window.lmcNoteTools.park();
  }

  function replaceHeader(fresh) {
    var current = document.getElementById("board-title");
    if (!current || !fresh) return;
    var form = current.querySelector("form");
    if (form) {
      var version = form.querySelector("[name=canvas-version]");
      var now = parseInt(fresh.getAttribute("data-v"), 10);
      if (version && now > parseInt(version.value, 10)) {
        var event = latest(function (e) { return e.kind === "canvas.edit"; });
        notice(form, who(event) + " changed the canvas details while you were editing. " +
          "When you save, you'll see both versions and choose.");
      }
      return; // saving or cancelling brings the header back as it is then
    }
    replaceWhole(current, fresh);
  }

  // Replace a part of the page, keeping the keyboard focus on the same control.
  function replaceWhole(current, fresh) {
    if (!current || !fresh || current.outerHTML === fresh.outerHTML) return;
    var focused = current.contains(document.activeElement) ? document.activeElement : null;
    current.replaceWith(fresh);
    htmx.process(fresh);
    if (!focused) return;
    var match = (focused.id && document.getElementById(focused.id)) ||
      (focused.getAttribute("href") && fresh.querySelector('[href="' + focused.getAttribute("href") + '"]')) ||
      fresh.querySelector("a, button");
    if (match) match.focus({ preventScroll: true });
  }

  function rememberFocus() {
    var el = document.activeElement;
    if (!el || el === document.body) return null;
    var saved = { el: el, id: el.id, list: el.closest && el.closest(".notes") };
    if (typeof el.selectionStart === "number") {
      try {
        saved.start = el.selectionStart;
        saved.end = el.selectionEnd;
        saved.scroll = el.scrollTop;
      } catch (error) { /* not a text field */ }
    }
    return saved;
  }

  function restoreFocus(saved) {
    if (!saved || document.activeElement === saved.el) return;
    var el = document.body.contains(saved.el) ? saved.el : saved.id && document.getElementById(saved.id);
    if (!el && saved.list) {
      // The note that had the focus was deleted: the focus goes to its list's first note.
      el = saved.list.querySelector(".note-text[href]") ||
        saved.list.closest(".area").querySelector(".add-button, h2");
      if (el && el.tagName === "H2") el.setAttribute("tabindex", "-1");
    }
    if (!el) return;
    el.focus({ preventScroll: true });
    if (typeof saved.start === "number" && el === saved.el) {
      try {
        el.setSelectionRange(saved.start, saved.end);
        el.scrollTop = saved.scroll;
      } catch (error) { /* not a text field */ }
    }
  }

  // Tell someone editing a note (or the header) that it changed underneath them.
  function noticeChanges(data, incoming) {
    Array.prototype.forEach.call(document.querySelectorAll(".notes > li.note-editing[id]"), function (li) {
      var form = li.querySelector("form");
      var pk = li.id.replace("note-", "");
      var version = form && form.querySelector('[name="note-' + pk + '-version"]');
      var area = form && form.querySelector('[name="note-' + pk + '-area"]');
      var now = incoming[li.id];
      var listShown = li.parentNode && li.parentNode.id.replace("notes-", "");
      if (now) {
        if (version && parseInt(now.item.getAttribute("data-v"), 10) > parseInt(version.value, 10)) {
          var edited = latest(function (e) { return e.record == pk && /^note\.(edit|colour|restore)$/.test(e.kind); });
          notice(form, who(edited) + " changed this note while you were editing it. " +
            "When you save, you'll see both versions and choose.");
        } else if (area && now.list !== area.value) {
          var moved = latest(function (e) { return e.record == pk && e.kind === "note.move"; });
          notice(form, who(moved) + " moved this note to " + areaName(now.list) +
            ". Your edit still saves; the note stays where they put it.");
        }
      } else if (data.areas[listShown] !== undefined || data.whole) {
        var deleted = latest(function (e) { return e.record == pk && e.kind === "note.delete"; });
        notice(form, who(deleted) + " deleted this note while you were editing it. " +
          "Your text is safe: save to add it back as a new note, or cancel.");
      }
    });
  }

  function latest(test) {
    var found = null;
    Object.keys(lastEvents).forEach(function (key) {
      var event = lastEvents[key];
      if (test(event) && (!found || event.seq > found.seq)) found = event;
    });
    return found;
  }

  function who(event) {
    if (!event) return "Someone";
    return event.mine ? "You (in another window)" : event.by;
  }

  function areaName(key) {
    var heading = document.getElementById("area-title-" + key);
    return heading ? heading.textContent.trim() : key;
  }

  function notice(form, text) {
    var box = form.querySelector(".live-notice");
    if (!box) {
      box = document.createElement("p");
      box.className = "live-notice";
      box.setAttribute("role", "status");
      form.insertBefore(box, form.firstChild);
    }
    if (box.textContent !== text) box.textContent = text;
  }

  // Screen readers hear what others did, in one line per update.
  var WORDS = {
    "note.add": "added a note",
    "note.edit": "edited a note",
    "note.colour": "recoloured a note",
    "note.move": "moved a note",
    "note.delete": "deleted a note",
    "note.restore": "brought back a note",
    "canvas.edit": "changed the canvas details"
  };

  function announce(events) {
    var theirs = events.filter(function (event) { return !event.mine; });
    if (!theirs.length) return;
    var names = [];
    theirs.forEach(function (event) { if (names.indexOf(event.by) < 0) names.push(event.by); });
    var last = theirs[theirs.length - 1];
    news.textContent = theirs.length === 1
      ? last.by + " " + (WORDS[last.kind] || "changed something on this canvas") + "."
      : names.join(" and ") + " made " + theirs.length + " changes.";
  }

  // Presence ------------------------------------------------------------------------------

  function setHere(list) {
    people = list || [];
    var ul = hereBox.querySelector("ul");
    ul.textContent = "";
    people.forEach(function (person) {
      var li = document.createElement("li");
      li.className = "here-person";
      li.title = person.name + (person.editing.length ? " (editing)" : "");
      var avatar = document.createElement("span");
      avatar.className = "avatar";
      avatar.setAttribute("aria-hidden", "true");
      avatar.textContent = person.initials;
      var name = document.createElement("span");
      name.className = "visually-hidden";
      name.textContent = person.name + (person.editing.length ? ", editing" : "");
      li.appendChild(avatar);
      li.appendChild(name);
      ul.appendChild(li);
    });
    hereBox.hidden = !people.length;
    markEditors();
  }

  function markEditors() {
    Array.prototype.forEach.call(document.querySelectorAll(".note-who"), function (el) { el.remove(); });
    people.forEach(function (person) {
      person.editing.forEach(function (pk) {
        var li = document.getElementById("note-" + pk);
        if (!li || !li.closest(".notes")) return;
        var badge = document.createElement("span");
        badge.className = "note-who";
        badge.textContent = person.name + (li.classList.contains("note-editing") ? " is editing this note too" : " is editing");
        li.insertBefore(badge, li.firstChild);
      });
    });
  }

  // Own changes re-render parts of the board: the badges go back, and others hear at once
  // when a form opens or closes.
  // Counted on the request itself: its element may be gone from the page by the time it ends.
  document.addEventListener("htmx:beforeSend", function (event) {
    var xhr = event.detail && event.detail.xhr;
    if (!xhr) return;
    ownRequests += 1;
    xhr.addEventListener("loadend", function () {
      ownRequests -= 1;
      ownAnswered += 1;
    });
  });
  document.addEventListener("htmx:afterSettle", function () {
    markEditors();
    if (editingIds() !== sentEditing || (wantWhole && !held())) schedule(50);
  });

  // When to poll ------------------------------------------------------------------------------

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) schedule(0);
  });
  window.addEventListener("online", function () { schedule(0); });
  window.addEventListener("focus", function () { if (state === "lost" || state === "out") schedule(0); });
  window.addEventListener("pageshow", function (event) { if (event.persisted) schedule(0); });

  // Leaving: the others see it at once, not when this board's presence runs out.
  window.addEventListener("pagehide", function () {
    var token = "";
    try {
      token = JSON.parse(document.body.getAttribute("hx-headers") || "{}")["x-csrftoken"] || "";
    } catch (error) { /* no token: presence runs out by itself */ }
    if (!token) return;
    try {
      fetch(feed, {
        method: "POST",
        keepalive: true,
        credentials: "same-origin",
        headers: { "X-CSRFToken": token, "Content-Type": "application/x-www-form-urlencoded" },
        body: "leave=1&tab=" + tab
      });
    } catch (error) { /* the board is going anyway */ }
  });

  schedule(0);
})();
