// The review workbench (/review/reports/N): keyboard review, decisions in place (the place
// is kept), edit forms opened in place, and adding a fact by selecting its words. The page
// works without this file: every control is a form, and a decision redirects back to the
// next fact waiting.
"use strict";

(function () {
  const text = document.getElementById("report-text");
  const record = document.querySelector(".record");
  if (!text || !record) return;
  const reportId = text.dataset.report;
  const bar = document.getElementById("add-bar");
  const slot = document.getElementById("add-slot");
  let facts = [];
  let current = 0;
  let pending = null; // {start, end} of the selected words

  const refresh = () => { facts = Array.from(record.querySelectorAll("li.fact")); };
  const waiting = (li) => li.dataset.status === "machine";
  const typing = (t) => t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement;

  function light(li) {
    text.querySelectorAll("mark.hot").forEach((m) => m.classList.remove("hot"));
    if (!li) return;
    const id = li.dataset.fact;
    const marks = Array.from(text.querySelectorAll("mark[data-facts]")).filter((m) => m.dataset.facts.split(" ").includes(id));
    marks.forEach((m) => m.classList.add("hot"));
    if (marks.length) {
      const top = marks[0].offsetTop - text.clientHeight / 3;
      text.scrollTop = Math.max(0, top);
    }
  }

  function show(i, focus = true) {
    refresh();
    if (!facts.length) return;
    facts.forEach((f) => f.classList.remove("current"));
    current = Math.max(0, Math.min(facts.length - 1, i));
    const li = facts[current];
    li.classList.add("current");
    if (focus) li.focus({ preventScroll: true });
    li.scrollIntoView({ block: "nearest" });
    light(li);
  }

  function showFact(id) {
    refresh();
    const i = facts.findIndex((f) => f.dataset.fact === String(id));
    if (i >= 0) show(i);
  }

  function say(li, message) {
    let p = li.querySelector("p.error.js");
    if (!p) {
      p = document.createElement("p");
      p.className = "error js";
      p.setAttribute("role", "alert");
      li.querySelector("form.decide").before(p);
    }
    p.textContent = message;
  }

  function setProgress(progress) {
    const el = document.getElementById("progress");
    if (!el || !progress) return;
    el.textContent = progress.waiting ? progress.waiting + " of " + progress.facts + " facts waiting" : "every fact decided";
    const rest = document.querySelector("#accept-rest button");
    if (rest) rest.textContent = "Accept the rest (" + progress.waiting + ") and finish";
  }

  async function post(form, action) {
    const data = new FormData(form);
    if (action) data.set("action", action);
    const answer = await fetch(form.getAttribute("action"), { method: "POST", body: data, headers: { Accept: "application/json" } });
    let body = {};
    try { body = await answer.json(); } catch (err) { body = { ok: false, error: "unexpected answer (" + answer.status + ")" }; }
    return body;
  }

  async function decide(li, action, form) {
    const body = await post(form || li.querySelector("form.decide"), action);
    if (!body.ok) {
      if (body.form) {
        const old = li.querySelector("form.edit-form");
        if (old) old.remove();
        li.insertAdjacentHTML("beforeend", body.form);
        const bad = li.querySelector("[aria-invalid=true]") || li.querySelector("form.edit-form input, form.edit-form select");
        if (bad) bad.focus();
      }
      if (!body.field) say(li, body.error || "not saved"); // a field's error is beside it
      return;
    }
    li.outerHTML = body.html;
    setProgress(body.progress);
    if (body.next) showFact(body.next);
    else showFact(li.dataset.fact);
  }

  async function openEdit(li) {
    let form = li.querySelector("form.edit-form");
    if (!form) {
      const link = li.querySelector("a.edit-link");
      const answer = await fetch(link.dataset.form, { headers: { Accept: "text/html" } });
      if (!answer.ok) { say(li, "the fact could not be opened (" + answer.status + "); reload"); return; }
      li.insertAdjacentHTML("beforeend", await answer.text());
      form = li.querySelector("form.edit-form");
    }
    const first = form.querySelector("input:not([type=hidden]), select, textarea");
    if (first) first.focus();
  }

  function closeEdit(form) {
    const li = form.closest("li.fact");
    form.remove();
    if (li) li.focus();
  }

  // --- selecting words to add a fact -------------------------------------------------------
  function position(node, offset) {
    if (node.nodeType === Node.TEXT_NODE) {
      const el = node.parentElement.closest("[data-o]");
      return Number(el.dataset.o) + Array.from(node.textContent.slice(0, offset)).length;
    }
    const kids = Array.from(node.childNodes);
    if (node === text) {
      const kid = kids[offset];
      if (kid && kid.dataset) return Number(kid.dataset.o);
      return Array.from(text.textContent).length;
    }
    const el = node.closest("[data-o]");
    const before = kids.slice(0, offset).map((k) => k.textContent).join("");
    return Number(el.dataset.o) + Array.from(before).length;
  }

  function noteSelection() {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) { pending = null; bar.hidden = true; return; }
    const range = sel.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) return;
    const start = position(range.startContainer, range.startOffset);
    const end = position(range.endContainer, range.endOffset);
    if (end <= start) return;
    pending = { start, end };
    bar.hidden = false;
  }

  async function openAdd(kind) {
    if (!pending) return;
    const url = "/review/reports/" + reportId + "/add?kind=" + encodeURIComponent(kind) + "&start=" + pending.start + "&end=" + pending.end;
    const answer = await fetch(url, { headers: { Accept: "text/html" } });
    slot.innerHTML = answer.ok ? await answer.text() : "<p class='error' role='alert'>The form could not be opened; reload the page.</p>";
    bar.hidden = true;
    const form = slot.querySelector("form");
    if (!form) return;
    form.scrollIntoView({ block: "nearest" });
    const inputs = Array.from(form.querySelectorAll("input:not([type=hidden]), select, textarea"));
    const empty = inputs.find((i) => i.required && !i.value) || inputs[0];
    if (empty) empty.focus();
  }

  async function submitAdd(form) {
    const body = await post(form, null);
    if (body.ok) { window.location.assign(body.url); return; }
    if (body.form) {
      slot.innerHTML = body.form;
      const bad = slot.querySelector("[aria-invalid=true]") || slot.querySelector("input:not([type=hidden]), select");
      if (bad) bad.focus();
    } else {
      slot.insertAdjacentHTML("afterbegin", "<p class='error' role='alert'></p>");
      slot.querySelector("p.error").textContent = body.error || "not saved";
    }
  }

  // --- wiring ------------------------------------------------------------------------------
  record.addEventListener("submit", (ev) => {
    const form = ev.target;
    if (form.classList.contains("add-form")) { ev.preventDefault(); submitAdd(form); return; }
    const li = form.closest("li.fact");
    if (!li || !(form.classList.contains("decide") || form.classList.contains("edit-form"))) return;
    ev.preventDefault();
    const action = ev.submitter && ev.submitter.name === "action" ? ev.submitter.value : "edit";
    showFact(li.dataset.fact);
    decide(li, action, form);
  });
  record.addEventListener("click", (ev) => {
    const link = ev.target.closest("a.edit-link");
    if (link) { ev.preventDefault(); const li = link.closest("li.fact"); showFact(li.dataset.fact); openEdit(li); return; }
    const cancel = ev.target.closest("form.edit-form a.cancel");
    if (cancel) { ev.preventDefault(); closeEdit(cancel.closest("form")); }
  });
  record.addEventListener("focusin", (ev) => {
    const li = ev.target.closest && ev.target.closest("li.fact");
    if (!li) return;
    refresh();
    const i = facts.indexOf(li);
    if (i >= 0 && i !== current) { facts.forEach((f) => f.classList.remove("current")); current = i; li.classList.add("current"); light(li); }
  });
  text.addEventListener("click", (ev) => {
    const mark = ev.target.closest("mark[data-facts]");
    const sel = window.getSelection();
    if (!mark || (sel && !sel.isCollapsed)) return;
    const ids = mark.dataset.facts.split(" ");
    refresh();
    const open = ids.find((id) => facts.some((f) => f.dataset.fact === id && waiting(f)));
    showFact(open || ids[0]);
  });
  document.addEventListener("selectionchange", () => {
    const sel = window.getSelection();
    if (sel && sel.rangeCount && text.contains(sel.getRangeAt(0).commonAncestorContainer)) noteSelection();
  });
  bar.addEventListener("click", (ev) => {
    const button = ev.target.closest("button[data-add]");
    if (button) openAdd(button.dataset.add);
  });
  document.addEventListener("keydown", (ev) => {
    const t = ev.target;
    if (ev.key === "Escape") {
      const form = t.closest && t.closest("form.edit-form");
      if (form) { ev.preventDefault(); closeEdit(form); }
      return;
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey || typing(t)) return;
    refresh();
    const li = facts[current];
    if (ev.key === "j") show(current + 1);
    else if (ev.key === "k") show(current - 1);
    else if (ev.key === "A") document.getElementById("accept-rest").requestSubmit();
    else if (ev.key === "n") {
      if (!pending) noteSelection();
      if (pending) { bar.hidden = false; bar.querySelector("button").focus(); }
    } else if (!li) return;
    else if (ev.key === "a" && li.querySelector('[data-key="a"]')) decide(li, "confirm");
    else if (ev.key === "r" && li.querySelector('[data-key="r"]')) decide(li, "reject");
    else if (ev.key === "u" && li.querySelector('[data-key="u"]')) decide(li, "reopen");
    else if (ev.key === "e") openEdit(li);
    else return;
    ev.preventDefault();
  });

  refresh();
  const start = facts.findIndex((f) => f.classList.contains("current"));
  if (facts.length) show(start >= 0 ? start : 0, true);
})();
