// Small progressive enhancements; every page works without this file.
"use strict";

// Review queue: j/k move between claims, a/r/e accept, reject, edit the current one.
function setupReview() {
  const claims = Array.from(document.querySelectorAll(".claim"));
  if (!claims.length) return;
  let current = 0;
  const show = (i) => {
    claims[current].classList.remove("current");
    current = Math.max(0, Math.min(claims.length - 1, i));
    claims[current].classList.add("current");
    claims[current].focus();
  };
  claims[0].classList.add("current");
  document.addEventListener("keydown", (ev) => {
    const t = ev.target;
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement) return;
    const here = claims[current];
    if (ev.key === "j") show(current + 1);
    else if (ev.key === "k") show(current - 1);
    else if (ev.key === "a" || ev.key === "r") here.querySelector('[data-key="' + ev.key + '"]').click();
    else if (ev.key === "e") {
      const d = here.querySelector("details.edit");
      d.open = true;
      const first = d.querySelector("input:not([type=hidden])");
      if (first) first.focus();
      ev.preventDefault();
    } else return;
  });
}

// Upload: drop files, send each on its own with a progress bar and its own result, then
// follow each stored report's extraction (queued, running, done, failed) until it ends.
function setupUpload() {
  const form = document.getElementById("upload-form");
  if (!form) return;
  const drop = document.getElementById("drop");
  const input = document.getElementById("files");
  const table = document.getElementById("upload-results");
  const body = table.querySelector("tbody");
  const csrf = form.querySelector('input[name="csrf"]').value;
  // The page's words in the reader's language (data-words); English when missing.
  const words = JSON.parse(form.dataset.words || "{}");
  const say = (key, english, fill) => (words[key] || english).replace(/\{(\w+)\}/g, (m, k) => (fill && k in fill ? fill[k] : m));
  const showState = (row, job) => {
    row.dataset.state = job.state;
    const detail = job.state === "failed" ? [job.error || ""] : job.state === "done" ? job.warnings || [] : [];
    const text = say("state-" + job.state, job.state) + (detail.filter(Boolean).length ? ": " + detail.filter(Boolean).join("; ") : "");
    row.querySelector("td.extraction").textContent = text;
  };
  let polling = false;
  const poll = () => {
    const rows = Array.from(body.querySelectorAll('tr[data-state="queued"], tr[data-state="running"]'));
    if (!rows.length) { polling = false; return; }
    polling = true;
    const ids = rows.map((r) => r.dataset.report).slice(0, 100).join(",");
    fetch("/api/upload/extraction?ids=" + ids, { headers: { Accept: "application/json" } })
      .then((answer) => (answer.ok ? answer.json() : { reports: [] }))
      .catch(() => ({ reports: [] }))
      .then((answer) => {
        for (const job of answer.reports || []) {
          for (const row of body.querySelectorAll('tr[data-report="' + job.report_id + '"]')) showState(row, job);
        }
        setTimeout(poll, 1500);
      });
  };
  const follow = () => { if (!polling) poll(); };
  const send = (file) => {
    const row = body.insertRow();
    row.insertCell().textContent = file.name;
    const bar = document.createElement("progress");
    bar.max = 100; bar.value = 0;
    bar.setAttribute("aria-label", say("progress", "Progress of {file}", { file: file.name }));
    row.insertCell().appendChild(bar);
    const result = row.insertCell();
    const extraction = row.insertCell();
    extraction.className = "extraction";
    extraction.setAttribute("aria-live", "polite");
    result.textContent = say("sending", "sending");
    const data = new FormData();
    data.append("files", file);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/upload");
    xhr.setRequestHeader("X-CSRF-Token", csrf);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) bar.value = (100 * e.loaded) / e.total; };
    xhr.upload.onload = () => { result.textContent = say("reading", "reading and storing"); };
    xhr.onload = () => {
      bar.value = 100;
      let answer = {};
      try { answer = JSON.parse(xhr.responseText); } catch (err) { answer = { error: say("unexpected", "unexpected answer") }; }
      const r = (answer.results || [])[0];
      result.textContent = "";
      if (!r) { result.textContent = say("rejected", "rejected") + ": " + (answer.error || xhr.status); row.className = "rejected"; return; }
      row.className = r.status;
      result.append(say(r.status, r.status) + (r.error ? ": " + r.error : ""));
      if (r.report_id) {
        const a = document.createElement("a");
        a.href = "/reports/" + r.report_id;
        a.textContent = " " + say("report", "report {id}", { id: r.report_id });
        result.append(a);
      }
      if (r.extraction && r.report_id) {
        row.dataset.report = r.report_id;
        showState(row, r.extraction);
        follow();
      }
    };
    xhr.onerror = () => { result.textContent = say("failed", "failed: network error"); row.className = "rejected"; };
    xhr.send(data);
  };
  const sendAll = (files) => { table.hidden = false; Array.from(files).forEach(send); };
  form.addEventListener("submit", (ev) => { ev.preventDefault(); sendAll(input.files); form.reset(); });
  ["dragenter", "dragover"].forEach((n) => drop.addEventListener(n, (ev) => { ev.preventDefault(); drop.classList.add("over"); }));
  ["dragleave", "drop"].forEach((n) => drop.addEventListener(n, () => drop.classList.remove("over")));
  drop.addEventListener("drop", (ev) => { ev.preventDefault(); sendAll(ev.dataTransfer.files); });
  follow(); // rows the server answered a form post with
}

document.addEventListener("DOMContentLoaded", () => { setupReview(); setupUpload(); });
