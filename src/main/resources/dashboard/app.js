// StageSync jobs dashboard: plain JS over the REST API. The API token is asked once per browser tab and kept
// in sessionStorage; every call sends it as a bearer token. Live logs are read from the Server-Sent Events
// endpoint with fetch (EventSource cannot send an Authorization header).
(function () {
  'use strict';
  const TOKEN_KEY = 'stagesync.api.token';
  const $ = (id) => document.getElementById(id);
  let currentRun = null;
  let logAbort = null;
  let pollTimer = null;
  let historyFilter = null;
  let historyTimer = null;

  function token() { return sessionStorage.getItem(TOKEN_KEY); }

  async function api(method, path, body) {
    const response = await fetch('/api' + path, {
      method,
      headers: Object.assign({ 'Authorization': 'Bearer ' + token() }, body ? { 'Content-Type': 'application/json' } : {}),
      body: body ? JSON.stringify(body) : undefined
    });
    const data = await response.json().catch(() => ({}));
    if (response.status === 401) { signOut('The token was refused: ' + (data.error || 'unauthorized')); }
    if (!response.ok) { throw new Error(data.error || ('HTTP ' + response.status)); }
    return data;
  }

  function say(text, isError) {
    $('message').textContent = text || '';
    $('message').className = isError ? 'error' : '';
  }

  function signOut(reason) {
    sessionStorage.removeItem(TOKEN_KEY);
    showLogin(reason);
  }

  function showLogin(reason) {
    $('app').hidden = true;
    $('sign-out').hidden = true;
    $('login').hidden = false;
    if (reason) { $('login').querySelector('p').textContent = reason; }
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k.startsWith('on')) { node.addEventListener(k.slice(2), v); } else if (k === 'style') { Object.assign(node.style, v); } else if (v !== undefined && v !== null) { node.setAttribute(k, v); }
    });
    children.forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c))));
    return node;
  }

  function elapsed(ms) {
    const s = Math.round((ms || 0) / 1000);
    return s < 60 ? s + ' s' : Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
  }

  function time(iso) { return iso ? new Date(iso).toLocaleString() : '–'; }

  async function loadStages() {
    const stages = await api('GET', '/stages');
    ['job-base', 'job-target'].forEach((id) => {
      const select = $(id);
      select.replaceChildren(...stages.map((s) => el('option', { value: s.name },
        s.name + (s.protected ? ' (protected)' : '') + (s.parent ? ' ← ' + s.parent : ''))));
    });
    const child = stages.find((s) => s.parent);
    if (child) { $('job-base').value = child.parent; $('job-target').value = child.name; }
  }

  async function loadJobs() {
    const jobs = await api('GET', '/jobs');
    $('jobs').tBodies[0].replaceChildren(...jobs.map((job) => el('tr', { 'data-job': job.name },
      el('td', {}, job.name), el('td', {}, job.base + ' → ' + job.target), el('td', {}, job.schedule || 'on demand'),
      el('td', {}, job.source),
      el('td', {},
        el('button', { class: 'run-now', 'data-job': job.name, onclick: () => runNow(job.name) }, 'Run now'), ' ',
        el('button', { class: 'secondary', onclick: () => loadRuns(job.name) }, 'History'), ' ',
        job.source === 'properties' ? '' : el('button', { class: 'secondary delete', onclick: () => deleteJob(job.name) }, 'Delete')))));
  }

  async function loadRuns(job) {
    historyFilter = job || null;
    const runs = await api('GET', '/runs' + (job ? '?job=' + encodeURIComponent(job) : ''));
    $('history-filter').textContent = job ? '(job ' + job + ')' : '';
    $('runs').tBodies[0].replaceChildren(...runs.map((run) => el('tr', { 'data-run': run.id },
      el('td', {}, run.id.slice(0, 8)), el('td', {}, run.job), el('td', {}, el('span', { class: 'status ' + run.status }, run.status)),
      el('td', {}, run.createdBy), el('td', {}, time(run.startedAt)), el('td', {}, elapsed(run.elapsedMs)),
      el('td', {}, run.logCount + ' / ' + run.errorCount + ' / ' + run.warningCount),
      el('td', {}, el('button', { class: 'secondary details', 'data-run': run.id, onclick: () => showRun(run.id) }, 'Details')))));
  }

  async function runNow(name) {
    try {
      const run = await api('POST', '/jobs/' + encodeURIComponent(name) + '/runs', { createdBy: 'dashboard' });
      say('Run ' + run.id.slice(0, 8) + ' of ' + name + ' queued');
      await loadRuns();
      showRun(run.id);
    } catch (e) { say(e.message, true); }
  }

  async function deleteJob(name) {
    try { await api('DELETE', '/jobs/' + encodeURIComponent(name)); say('Job ' + name + ' deleted'); loadJobs(); } catch (e) { say(e.message, true); }
  }

  function renderRun(run) {
    $('run-details').hidden = false;
    $('run-details').dataset.run = run.id;
    $('run-id').textContent = run.id;
    $('run-status').textContent = run.status;
    $('run-status').className = 'status ' + run.status;
    $('run-job').textContent = run.job + ' (' + run.base + ' → ' + run.target + ')';
    $('run-created-by').textContent = run.createdBy;
    $('run-started').textContent = time(run.startedAt);
    $('run-finished').textContent = time(run.finishedAt);
    $('run-elapsed').textContent = elapsed(run.elapsedMs);
    $('run-log-count').textContent = run.logCount;
    $('run-error-count').textContent = run.errorCount;
    $('run-warning-count').textContent = run.warningCount;
    $('run-message').textContent = run.message || '';
    $('run-cancel').hidden = !(run.status === 'RUNNING' || run.status === 'QUEUED');
    $('run-resume').hidden = run.status !== 'INTERRUPTED';
    $('tasks').replaceChildren(...run.tasks.map((t) => el('div', { class: 'task', 'data-task': t.name, 'data-status': t.status, 'data-progress': t.progress },
      el('span', {}, t.name),
      el('div', { class: 'bar', role: 'progressbar', 'aria-valuenow': t.progress, 'aria-valuemin': 0, 'aria-valuemax': 100 },
        el('span', { style: { width: t.progress + '%' } })),
      el('span', { class: 'percent' }, t.progress + '%'),
      el('span', { class: 'status ' + t.status }, t.status))));
  }

  async function showRun(id) {
    currentRun = id;
    clearTimeout(pollTimer);
    $('logs').replaceChildren();
    const run = await api('GET', '/runs/' + id);
    renderRun(run);
    followLogs(id);
    poll(id);
  }

  async function poll(id) {
    if (currentRun !== id) { return; }
    try {
      const run = await api('GET', '/runs/' + id);
      renderRun(run);
      if (run.status === 'RUNNING' || run.status === 'QUEUED') {
        pollTimer = setTimeout(() => poll(id), 700);
      } else {
        loadRuns();
      }
    } catch (e) { say(e.message, true); }
  }

  async function followLogs(id) {
    if (logAbort) { logAbort.abort(); }
    logAbort = new AbortController();
    try {
      const response = await fetch('/api/runs/' + id + '/logs', { headers: { 'Authorization': 'Bearer ' + token() }, signal: logAbort.signal });
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) { break; }
        buffer += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          handleEvent(buffer.slice(0, cut));
          buffer = buffer.slice(cut + 2);
        }
      }
    } catch (e) {
      if (e.name !== 'AbortError') { say('Log stream stopped: ' + e.message, true); }
    }
  }

  function handleEvent(block) {
    let event = 'message';
    let data = '';
    block.split('\n').forEach((line) => {
      if (line.startsWith('event:')) { event = line.slice(6).trim(); }
      if (line.startsWith('data:')) { data += line.slice(5).trim(); }
    });
    if (event === 'log') {
      const line = JSON.parse(data);
      $('logs').append(el('li', { class: line.level, 'data-seq': line.seq },
        new Date(line.at).toLocaleTimeString() + ' ' + line.level + (line.task ? ' [' + line.task + ']' : '') + ' ' + line.message));
      $('logs').scrollTop = $('logs').scrollHeight;
    } else if (event === 'end' && currentRun) {
      poll(currentRun);
    }
  }

  async function start() {
    if (!token()) { showLogin(); return; }
    $('login').hidden = true;
    $('app').hidden = false;
    $('sign-out').hidden = false;
    try {
      await loadStages();
      await loadJobs();
      await loadRuns();
    } catch (e) { say(e.message, true); }
    // scheduled and dropped-file runs appear without a reload
    clearInterval(historyTimer);
    historyTimer = setInterval(() => { if (token()) { loadRuns(historyFilter).catch(() => {}); } }, 5000);
  }

  $('token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $('token-input').value.trim());
    $('token-input').value = '';
    start();
  });
  $('sign-out').addEventListener('click', () => signOut());
  $('job-schedule').addEventListener('change', () => { $('cron-label').hidden = $('job-schedule').value !== 'cron'; });
  $('job-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const choice = $('job-schedule').value;
    const job = { name: $('job-name').value.trim(), base: $('job-base').value, target: $('job-target').value, createdBy: 'dashboard' };
    if (choice) { job.schedule = choice === 'cron' ? $('job-cron').value.trim() : choice; }
    try {
      await api('POST', '/jobs', job);
      say('Job ' + job.name + ' created');
      $('job-name').value = '';
      loadJobs();
    } catch (err) { say(err.message, true); }
  });
  $('run-cancel').addEventListener('click', async () => {
    try { renderRun(await api('POST', '/runs/' + currentRun + '/cancel')); poll(currentRun); } catch (e) { say(e.message, true); }
  });
  $('run-resume').addEventListener('click', async () => {
    try { const run = await api('POST', '/runs/' + currentRun + '/resume'); renderRun(run); showRun(run.id); } catch (e) { say(e.message, true); }
  });
  start();
}());
