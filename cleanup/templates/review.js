// mt-cleanup review page. Builds everything from the JSON in #review-data and inserts
// document text only as text nodes. The rule for which text a set of decisions gives
// is the one in cleanup/review.py (see effective() and reviewedText()).
'use strict';
(() => {
  const t0 = performance.now();
  const D = JSON.parse(document.getElementById('review-data').textContent);
  const T = D.text;
  const $ = (id) => document.getElementById(id);
  const KIND_LABEL = { fix: 'applied fix', sug: 'suggestion', flag: 'flag' };
  const KIND_PLURAL = { fix: 'applied fixes', sug: 'suggestions', flag: 'flags' };
  const STATUS_LABEL = { open: 'open', acc: 'accepted', rej: 'rejected' };

  const F = D.findings.map((row, i) => {
    const [start, end, kindIndex, messageIndex, replacements, applied, merged] = row;
    const [rule, category, safety, source, link] = D.kinds[kindIndex];
    const s16 = D.u16 ? D.u16[i][0] : start;
    const e16 = D.u16 ? D.u16[i][1] : end;
    const kind = applied ? 'fix' : replacements.length ? 'sug' : 'flag';
    return { i, start, end, s16, e16, rule, category, safety, source, link, kind, replacements, applied, merged,
      message: D.messages[messageIndex], original: T.slice(s16, e16) };
  });
  const N = F.length;
  const ORDER = F.map((f) => f.i).sort((a, b) => F[a].s16 - F[b].s16 || F[a].e16 - F[b].e16 || a - b);
  const RANK = new Int32Array(N);
  ORDER.forEach((i, k) => { RANK[i] = k; });

  // Which findings are drawn inline (their text can change) and which only as an overlay
  // highlight: fixes never overlap each other; a flag that overlaps anything is an overlay.
  const overlay = new Uint8Array(N);
  {
    let maxEnd = -1, lastStart = -1, lastEnd = -1;
    ORDER.forEach((i, k) => {
      const f = F[i], prev = F[ORDER[k - 1]], next = F[ORDER[k + 1]];
      if (f.replacements.length) {
        if (f.s16 < lastEnd || f.s16 === lastStart) overlay[i] = 1;
        else { lastStart = f.s16; lastEnd = f.e16; }
      } else if (maxEnd > f.s16 || (prev && prev.s16 === f.s16) || (next && (next.s16 < f.e16 || next.s16 === f.s16))) {
        overlay[i] = 1;
      }
      maxEnd = Math.max(maxEnd, f.e16);
    });
  }

  // ---- decisions ---------------------------------------------------------------------
  const dec = new Array(N).fill(null); // null (open) or {status: 'accepted'|'rejected', replacement}
  let nAcc = 0, nRej = 0;
  const statusOf = (i) => (dec[i] ? (dec[i].status === 'accepted' ? 'acc' : 'rej') : 'open');

  function effective(i) {
    const f = F[i], d = dec[i];
    if (!d) return f.applied && f.replacements.length ? f.replacements[0] : null;
    if (d.status === 'rejected') return null;
    if (d.replacement !== null) return d.replacement;
    return f.replacements.length ? f.replacements[0] : null;
  }

  function reviewedText() {
    const out = [];
    let pos = 0;
    for (const i of ORDER) {
      const r = effective(i);
      if (r === null) continue;
      out.push(T.slice(pos, F[i].s16), r);
      pos = F[i].e16;
    }
    out.push(T.slice(pos));
    return out.join('');
  }

  function setDecision(i, d) {
    const old = statusOf(i);
    if (old === 'acc') nAcc--; else if (old === 'rej') nRej--;
    dec[i] = d;
    const now = statusOf(i);
    if (now === 'acc') nAcc++; else if (now === 'rej') nRej++;
    paint(i);
  }

  // The decision `status` (with `replacement`, or the current choice when undefined) for
  // finding i; false when it cannot take it (an overlay cannot change the text).
  function decide(i, status, replacement) {
    const f = F[i];
    if (status === null) { setDecision(i, null); return true; }
    if (status === 'rejected') { setDecision(i, { status, replacement: null }); return true; }
    let r = replacement;
    if (r === undefined) {
      r = dec[i] && dec[i].status === 'accepted' ? dec[i].replacement : f.replacements.length ? f.replacements[0] : null;
    }
    if (r !== null && overlay[i]) return false;
    setDecision(i, { status, replacement: r });
    return true;
  }

  function bulk(indices, status) {
    let done = 0, skipped = 0;
    for (const i of indices) { if (decide(i, status)) done++; else skipped++; }
    afterChange();
    say(`${status === 'accepted' ? 'Accepted' : 'Rejected'} ${done} change${done === 1 ? '' : 's'}` +
      (skipped ? `; ${skipped} overlap another change and stay as they are` : '') + '.');
  }

  // ---- context, export and storage -------------------------------------------------
  const isHigh = (c) => c >= 0xd800 && c <= 0xdbff;
  const isLow = (c) => c >= 0xdc00 && c <= 0xdfff;
  function back(p, n) { // n code points back from UTF-16 offset p
    for (; n > 0 && p > 0; n--) { p--; if (p > 0 && isLow(T.charCodeAt(p)) && isHigh(T.charCodeAt(p - 1))) p--; }
    return p;
  }
  function forward(p, n) {
    for (; n > 0 && p < T.length; n--) p += isHigh(T.charCodeAt(p)) && isLow(T.charCodeAt(p + 1)) ? 2 : 1;
    return p;
  }

  function decisionsDocument() {
    const decisions = [];
    for (const i of ORDER) {
      const f = F[i], d = dec[i];
      if (!d) continue;
      decisions.push({ rule: f.rule, start: f.start, end: f.end, original: f.original,
        before: T.slice(back(f.s16, D.context), f.s16), after: T.slice(f.e16, forward(f.e16, D.context)),
        status: d.status, replacement: d.replacement });
    }
    return { format: 'mt-cleanup-decisions', version: 1, input: D.input, input_sha256: D.input_sha256,
      report_sha256: D.report_sha256, decisions };
  }

  function download(name, content, type) {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([content], { type }));
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }

  const STORE = 'mt-cleanup-review:' + D.report_sha256;
  let saveTimer = 0;
  function save() {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      const d = [];
      dec.forEach((x, i) => { if (x) d.push([i, x.status, x.replacement]); });
      try {
        if (d.length) localStorage.setItem(STORE, JSON.stringify({ saved: Date.now(), cur, d }));
        else localStorage.removeItem(STORE);
      } catch (err) { say('Progress cannot be kept in this browser: ' + err.message); }
    }, 150);
  }

  function load(list) {
    for (const [i, status, replacement] of list) {
      if (!Number.isInteger(i) || i < 0 || i >= N || (status !== 'accepted' && status !== 'rejected')) continue;
      decide(i, status, typeof replacement === 'string' ? replacement : null);
    }
  }

  // ---- drawing -----------------------------------------------------------------------
  // One change as parts [op, text], op '=' kept, '-' removed, '+' inserted: characters when
  // the change is small in its word ("OpenA+Is", "KI -Chips"), whole words otherwise.
  function isSubsequence(short, long) {
    let j = 0;
    for (let k = 0; k < long.length && j < short.length; k++) if (long[k] === short[j]) j++;
    return j === short.length;
  }
  function alignParts(long, short, op) { // short is a subsequence of long
    const parts = [];
    let j = 0;
    for (let k = 0; k < long.length; k++) {
      const o = j < short.length && long[k] === short[j] ? '=' : op;
      if (o === '=') j++;
      if (parts.length && parts[parts.length - 1][0] === o) parts[parts.length - 1][1] += long[k];
      else parts.push([o, long[k]]);
    }
    return parts;
  }
  function diffParts(a, b) {
    if (a === b) return [['=', a]];
    const limit = Math.min(a.length, b.length);
    let p = 0, s = 0;
    while (p < limit && a[p] === b[p]) p++;
    while (s < limit - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
    if (p > 0 && isHigh(a.charCodeAt(p - 1))) p--;
    if (s > 0 && isLow(a.charCodeAt(a.length - s))) s--;
    let am = a.slice(p, a.length - s), bm = b.slice(p, b.length - s), middle;
    if (!am || !bm) middle = [['-', am], ['+', bm]];
    else if (isSubsequence(bm, am)) middle = alignParts(am, bm, '-');
    else if (isSubsequence(am, bm)) middle = alignParts(bm, am, '+');
    else if (2 * (p + s) > Math.max(a.length, b.length)) middle = [['-', am], ['+', bm]];
    else {
      while (p > 0 && !/\s/.test(a[p - 1])) p--;
      while (s > 0 && !/\s/.test(a[a.length - s])) s--;
      am = a.slice(p, a.length - s);
      bm = b.slice(p, b.length - s);
      middle = [['-', am], ['+', bm]];
    }
    return [['=', a.slice(0, p)], ...middle, ['=', a.slice(a.length - s)]].filter((x) => x[1]);
  }

  const els = Array.from({ length: N }, () => []);
  const kindOn = new Set(['fix', 'sug', 'flag']);
  const catOn = new Set(F.map((f) => f.category));
  const shown = (i) => kindOn.has(F[i].kind) && catOn.has(F[i].category);
  let cur = -1;

  // Whitespace shown where it would be invisible: at either end (all of it, if that is all).
  function visibleWs(text) {
    const [, lead, middle, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(text);
    const mark = (w) => w.replace(/ /g, '␣').replace(/\t/g, '⇥').replace(/\r?\n|\r/g, '↵');
    return mark(lead) + middle.replace(/\r?\n|\r/g, '↵') + mark(trail);
  }

  function paintInline(el, i) {
    const f = F[i], r = effective(i), st = statusOf(i);
    el.className = `chg k-${f.kind} s-${st}${shown(i) ? '' : ' off'}${i === cur ? ' sel' : ''}`;
    el.title = `#${i + 1} ${f.rule} (${f.category}, ${f.safety}): ${f.message}`;
    const nodes = [];
    if (r !== null) {
      for (const [op, text] of diffParts(f.original, r)) {
        if (op === '=') { nodes.push(text); continue; }
        const node = document.createElement(op === '-' ? 'del' : 'ins');
        node.textContent = text;
        if (!text.trim()) { node.className = 'ws'; node.dataset.ws = visibleWs(text); }
        nodes.push(node);
      }
    } else {
      if (f.original) nodes.push(f.original);
      else nodes.push(Object.assign(document.createElement('span'), { className: 'caret' }));
      if (f.replacements.length) {
        const proposal = dec[i] ? (dec[i].replacement ?? f.replacements[0]) : f.replacements[0];
        const ghost = document.createElement('span');
        ghost.className = 'prop';
        ghost.textContent = proposal === '' ? '⌫' : proposal;
        nodes.push(ghost);
      }
    }
    el.replaceChildren(...nodes);
  }

  function paintOverlay(el) {
    const list = el.dataset.f.split(',').map(Number);
    const open = list.some((i) => !dec[i]);
    el.className = `ovl${el.classList.contains('zero') ? ' zero' : ''}${open ? '' : ' done'}` +
      `${list.some(shown) ? '' : ' off'}${list.includes(cur) ? ' sel' : ''}`;
  }

  function paint(i) {
    for (const el of els[i]) { if (el.dataset.f) paintOverlay(el); else paintInline(el, i); }
  }
  const paintAll = () => { for (let i = 0; i < N; i++) paint(i); };

  // Lays out the document as rows (one per line of the original) into `side` cells.
  function build(side) {
    const doc = $('doc');
    const inline = ORDER.filter((i) => !overlay[i]);
    const over = ORDER.filter((i) => overlay[i]);
    let row = 0, para = null, oi = 0, active = [];
    const newPara = () => {
      let r = doc.children[row];
      if (!r) { r = document.createElement('div'); r.className = 'row'; doc.append(r); }
      para = document.createElement('p');
      para.className = side;
      if (side === 'orig') r.prepend(para); else r.append(para);
      row++;
    };
    const overlaySpan = (list, text) => {
      const span = document.createElement('span');
      span.dataset.f = list.join(',');
      if (text) span.textContent = text; else span.classList.add('zero');
      for (const o of list) els[o].push(span);
      paintOverlay(span);
      return span;
    };
    const addText = (a, b, list) => {
      const lines = T.slice(a, b).split('\n');
      lines.forEach((line, k) => {
        if (k) newPara();
        if (line) para.append(list.length ? overlaySpan(list, line) : line);
      });
    };
    const activate = (a) => {
      while (oi < over.length && F[over[oi]].s16 <= a) {
        const o = over[oi++];
        if (F[o].e16 === F[o].s16) para.append(overlaySpan([o], ''));
        else active.push(o);
      }
      active = active.filter((o) => F[o].e16 > a);
    };
    const plain = (a, b) => {
      for (;;) {
        activate(a);
        if (a >= b) return;
        let next = b;
        if (oi < over.length) next = Math.min(next, F[over[oi]].s16);
        for (const o of active) next = Math.min(next, F[o].e16);
        addText(a, next, active.slice());
        a = next;
      }
    };
    newPara();
    let pos = 0;
    for (const i of inline) {
      plain(pos, F[i].s16);
      const el = document.createElement('span');
      el.dataset.i = i;
      const also = active.concat(over.slice(oi).filter((o) => F[o].s16 < F[i].e16));
      if (also.length) el.dataset.also = also.join(',');
      els[i].push(el);
      paintInline(el, i);
      para.append(el);
      pos = Math.max(pos, F[i].e16);
    }
    plain(pos, T.length);
  }

  // ---- inspector, counts, groups ----------------------------------------------------
  function say(message) { $('status').textContent = message; }

  function updateCounts() {
    $('n-open').textContent = N - nAcc - nRej;
    $('n-acc').textContent = nAcc;
    $('n-rej').textContent = nRej;
    $('progress-bar').style.width = N ? `${(100 * (nAcc + nRej)) / N}%` : '100%';
  }

  const groups = [];
  function buildGroups() {
    const byKey = new Map();
    for (const f of F) {
      for (const [type, name] of [['category', f.category], ['rule', f.rule]]) {
        const key = type + '\u0000' + name;
        if (!byKey.has(key)) byKey.set(key, { type, name, members: [] });
        byKey.get(key).members.push(f.i);
      }
    }
    const sorted = [...byKey.values()].sort((x, y) => x.type.localeCompare(y.type) || x.name.localeCompare(y.name));
    const body = $('groups').tBodies[0];
    for (const g of sorted) {
      const tr = document.createElement('tr');
      tr.className = 'g-' + g.type;
      const name = document.createElement('td');
      name.textContent = g.name;
      g.open = document.createElement('td');
      const all = document.createElement('td');
      all.textContent = g.members.length;
      const acts = document.createElement('td');
      for (const [label, status] of [['✓ all', 'accepted'], ['✗ all', 'rejected']]) {
        const b = document.createElement('button');
        b.type = 'button';
        b.textContent = label;
        b.title = `${status === 'accepted' ? 'Accept' : 'Reject'} every change of ${g.type} ${g.name}`;
        b.dataset.group = groups.length;
        b.dataset.status = status;
        acts.append(b);
      }
      tr.append(name, g.open, all, acts);
      body.append(tr);
      groups.push(g);
    }
  }
  function updateGroups() { for (const g of groups) g.open.textContent = g.members.filter((i) => !dec[i]).length; }

  function buildFilters() {
    const make = (holder, set, value, label, count) => {
      const l = document.createElement('label');
      l.className = 'filter';
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = true;
      box.addEventListener('change', () => {
        if (box.checked) set.add(value); else set.delete(value);
        paintAll();
        if (cur >= 0) showInspector();
      });
      l.append(box, ` ${label} (${count})`);
      holder.append(l);
    };
    const count = (key, value) => F.filter((f) => f[key] === value).length;
    for (const kind of ['fix', 'sug', 'flag']) {
      const safety = kind === 'fix' ? 'safe' : 'suggest';
      make($('f-kinds'), kindOn, kind, `${KIND_PLURAL[kind]} · ${safety}`, count('kind', kind));
    }
    for (const cat of [...catOn].sort()) make($('f-cats'), catOn, cat, cat, count('category', cat));
  }

  function showInspector() {
    const none = cur < 0;
    $('i-none').hidden = !none;
    $('i-body').hidden = none;
    if (none) { $('i-pos').textContent = ''; return; }
    const f = F[cur], st = statusOf(cur), d = dec[cur];
    $('i-pos').textContent = `#${cur + 1} of ${N}${shown(cur) ? '' : ' (filtered out)'}`;
    $('i-kind').textContent = KIND_LABEL[f.kind];
    $('i-kind').className = 'badge k-' + f.kind;
    $('i-status').textContent = STATUS_LABEL[st];
    $('i-status').className = 'badge s-' + st;
    $('i-rule').textContent = f.rule;
    $('i-cat').textContent = f.category;
    $('i-safety').textContent = f.safety;
    $('i-source').textContent = f.source;
    $('i-msg').textContent = f.message;
    $('i-merged').textContent = f.merged.length ? 'includes earlier fixes of ' + f.merged.join(', ') : '';
    const linkOk = typeof f.link === 'string' && /^https?:\/\//.test(f.link);
    $('i-link').hidden = !linkOk;
    if (linkOk) $('i-link-a').href = f.link;
    $('i-orig').textContent = f.original ? visibleWs(f.original) : '(nothing: an insertion)';
    const chosen = effective(cur);
    const alts = f.replacements.map((r, k) => {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.dataset.alt = k;
      b.textContent = r === '' ? '(delete)' : visibleWs(r);
      if (chosen === r) li.className = 'chosen';
      if (k < 9) b.title = `key ${k + 1}`;
      li.append(b);
      return li;
    });
    if (d && d.status === 'accepted' && d.replacement !== null && !f.replacements.includes(d.replacement)) {
      const li = document.createElement('li');
      li.className = 'chosen own';
      li.textContent = 'own: ' + visibleWs(d.replacement);
      alts.push(li);
    }
    $('i-alts').replaceChildren(...alts);
    $('own').hidden = !!overlay[cur];
    $('b-acc').textContent = '';
    $('b-acc').append(f.replacements.length ? 'Accept ' : 'Keep ', kbd('a'));
    $('b-rej').textContent = '';
    $('b-rej').append(f.replacements.length ? 'Reject ' : 'Dismiss ', kbd('r'));
  }
  const kbd = (key) => Object.assign(document.createElement('kbd'), { textContent: key });

  function select(i, scroll) {
    const old = cur;
    cur = i;
    if (i !== old) { $('own-text').value = ''; say(''); }
    if (old >= 0) paint(old);
    if (i >= 0) {
      paint(i);
      if (scroll && els[i][0]) els[i][0].scrollIntoView({ block: 'nearest' });
    }
    showInspector();
  }

  function step(direction) {
    const skipDecided = $('f-open').checked;
    let k = cur < 0 ? (direction > 0 ? -1 : N) : RANK[cur];
    for (k += direction; k >= 0 && k < N; k += direction) {
      const i = ORDER[k];
      if (shown(i) && !(skipDecided && dec[i])) { select(i, true); return; }
    }
    say(direction > 0 ? 'No further change.' : 'No earlier change.');
  }

  function afterChange() {
    updateCounts();
    updateGroups();
    showInspector();
    save();
  }

  function act(status, replacement) {
    if (cur < 0) { say('Select a change first (j).'); return; }
    if (decide(cur, status, replacement)) {
      afterChange();
      say(`#${cur + 1} ${status === null ? 'is open again' : STATUS_LABEL[statusOf(cur)]}.`);
    } else {
      say(`#${cur + 1} overlaps another change: it can be kept or dismissed, not edited.`);
    }
  }

  function actRule(status) {
    if (cur < 0) { say('Select a change first (j).'); return; }
    const rule = F[cur].rule;
    bulk(ORDER.filter((i) => F[i].rule === rule), status);
  }

  function pickAlternative(k) {
    if (cur >= 0 && k < F[cur].replacements.length) act('accepted', F[cur].replacements[k]);
  }

  // ---- wiring ------------------------------------------------------------------------
  $('doc').addEventListener('click', (e) => {
    const el = e.target.closest('[data-i], [data-f]');
    if (!el) return;
    // a change with flags on it, or a stretch under several flags: clicking again cycles
    const list = el.dataset.i !== undefined ? [el.dataset.i, ...(el.dataset.also || '').split(',')] : el.dataset.f.split(',');
    const ids = list.filter(Boolean).map(Number);
    select(ids[(ids.indexOf(cur) + 1) % ids.length], false);
  });
  $('i-alts').addEventListener('click', (e) => {
    const b = e.target.closest('button[data-alt]');
    if (b) pickAlternative(Number(b.dataset.alt));
  });
  $('own').addEventListener('submit', (e) => {
    e.preventDefault();
    act('accepted', $('own-text').value);
    $('own-text').blur();
  });
  $('b-acc').addEventListener('click', () => act('accepted'));
  $('b-rej').addEventListener('click', () => act('rejected'));
  $('b-undo').addEventListener('click', () => act(null));
  $('b-acc-rule').addEventListener('click', () => actRule('accepted'));
  $('b-rej-rule').addEventListener('click', () => actRule('rejected'));
  $('b-acc-shown').addEventListener('click', () => bulk(ORDER.filter(shown), 'accepted'));
  $('b-rej-shown').addEventListener('click', () => bulk(ORDER.filter(shown), 'rejected'));
  $('groups').addEventListener('click', (e) => {
    const b = e.target.closest('button[data-group]');
    if (b) bulk(groups[Number(b.dataset.group)].members, b.dataset.status);
  });
  let sideBuilt = false;
  function toggleView() {
    if (!sideBuilt) { build('orig'); sideBuilt = true; }
    const on = document.body.classList.toggle('sxs');
    $('b-view').setAttribute('aria-pressed', String(on));
    say(on ? 'Side by side: original | cleaned.' : 'Inline view.');
  }
  $('b-view').addEventListener('click', toggleView);
  $('b-export-text').addEventListener('click', () =>
    download(`${D.name}.reviewed.txt`, reviewedText(), 'text/plain;charset=utf-8'));
  $('b-export-dec').addEventListener('click', () =>
    download(`${D.name}.decisions.json`, JSON.stringify(decisionsDocument(), null, 2) + '\n', 'application/json'));
  $('b-reset').addEventListener('click', () => {
    if (!window.confirm('Forget every decision on this page?')) return;
    for (let i = 0; i < N; i++) if (dec[i]) setDecision(i, null);
    afterChange();
    say('All decisions forgotten.');
  });

  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    if (e.target.closest('input:not([type=checkbox]), textarea, select')) { // typing, not commands
      if (e.key === 'Escape') e.target.blur();
      return;
    }
    const keys = {
      j: () => step(1), n: () => step(1), k: () => step(-1), p: () => step(-1),
      a: () => act('accepted'), r: () => act('rejected'), u: () => act(null),
      A: () => actRule('accepted'), R: () => actRule('rejected'), v: toggleView,
      e: () => { if (cur >= 0 && !overlay[cur]) { $('own-text').value = effective(cur) ?? F[cur].original; $('own-text').focus(); } },
    };
    if (keys[e.key]) keys[e.key]();
    else if (/^[1-9]$/.test(e.key)) pickAlternative(Number(e.key) - 1);
    else return;
    e.preventDefault();
  });

  // ---- bilingual files: each segment's source beside its target -----------------------
  function buildSegments() {
    if (!D.segments || !D.segments.length) return;
    const table = Object.assign(document.createElement('table'), { id: 'segments' });
    const head = table.createTHead().insertRow();
    for (const name of ['segment', 'source', 'target']) {
      head.append(Object.assign(document.createElement('th'), { textContent: name }));
    }
    const body = table.createTBody();
    for (const [id, source, s16, e16] of D.segments) {
      const row = body.insertRow();
      for (const text of [id, source, T.slice(s16, e16)]) row.insertCell().textContent = text;
      const first = ORDER.find((i) => F[i].s16 >= s16 && F[i].e16 <= e16);
      if (first === undefined) continue;
      row.className = 'has';
      row.title = 'Show its first change';
      row.addEventListener('click', () => select(first, true));
    }
    $('doc').after(Object.assign(document.createElement('h2'), { textContent: 'Source and target' }), table);
  }

  // ---- start -------------------------------------------------------------------------
  const s = D.summary;
  $('summary').textContent = `${s.findings} findings: ${s.applied} fixes applied, ${s.suggestions} suggestions ` +
    `and ${s.flags} flags to review.`;
  for (const w of s.warnings || []) $('warnings').append(Object.assign(document.createElement('li'), { textContent: w }));
  load(D.initial);
  let restored = null;
  try { restored = JSON.parse(localStorage.getItem(STORE) || 'null'); } catch (err) { restored = null; }
  if (restored && Array.isArray(restored.d)) {
    for (let i = 0; i < N; i++) if (dec[i]) setDecision(i, null);
    load(restored.d);
  }
  build('cur');
  buildFilters();
  buildGroups();
  buildSegments();
  updateCounts();
  updateGroups();
  if (restored && Number.isInteger(restored.cur) && restored.cur < N) select(restored.cur, true);
  else showInspector();
  if (restored) say(`Restored ${nAcc + nRej} decisions kept in this browser.`);
  window.reviewTimings = { script: performance.now() - t0, firstRender: 0 };
  requestAnimationFrame(() => setTimeout(() => {
    window.reviewTimings.firstRender = performance.now();
    document.body.dataset.ready = '1';
  }, 0));
})();
