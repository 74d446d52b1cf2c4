// Check a quotation: the archive's passages closest to a reader's quotation, found in the browser.
//
// The matcher (words, buildIndex, lookup, segments, citation) touches no page: under node it is
// exported (module.exports) for the tests and `make bench`; in a browser the page part below runs it.
// How it works:
// 1. Words: letters and digits (Latin, Cyrillic, any script), lower-cased, accents and apostrophes
//    dropped, so "It’s" and "it's" are one word; punctuation and quotation marks are ignored.
// 2. Index (built once, after the passages are loaded): each passage as a list of word numbers; for
//    every run of three words, the passages holding it; for every uncommon word, the passages holding it.
// 3. Lookup: the passages sharing the most of the quotation's rarest three-word runs and words are the
//    candidates; each is aligned word by word with the quotation (edit distance, where the quotation may
//    match any stretch of a longer passage), and the best stretch gives the similarity:
//    2 × words in common / (words in the quotation + words in the stretch).
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else if (typeof document !== "undefined") {
    api.startPage(document, root);
  }
}(this, function () {
  "use strict";

  var WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}\u00ad\u200b-\u200d\u2060]*(?:['’ʼ‘`][\p{L}\p{N}][\p{L}\p{N}\p{M}\u00ad\u200b-\u200d\u2060]*)*/gu;
  var DROPPED = /['’ʼ‘`\u00ad\u200b-\u200d\u2060]/g;
  var MARKS = /\p{M}+/gu;
  var NOT_ASCII = /[^\x00-\x7f]/;
  var MIN_WORDS = 3;          // fewer words than this are not looked up
  var MAX_WORDS = 200;        // a longer quotation is compared by its first 200 words
  var CANDIDATES = 64;        // passages aligned in full, per lookup
  var SHOWN = 5;              // results returned
  var POSTINGS_BUDGET = 60000; // how many passage references one lookup reads, at most
  var MIN_SIMILARITY = 0.35;  // closer than this, or not shown
  var CONTEXT_WORDS = 30;     // words of context shown on each side of the matching stretch
  var KIND = ["quote", "paraphrase", "summary"];

  /** A word as the matcher compares it: lower case, without accents, apostrophes or invisible marks. */
  function normalise(word) {
    var w = word.toLowerCase().replace(DROPPED, "");
    if (NOT_ASCII.test(w)) { w = w.normalize("NFKD").replace(MARKS, "").normalize("NFC"); }
    return w;
  }

  /** The words of a text with where each starts and ends: [{word, start, end}]. */
  function words(text) {
    var found = [];
    var match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text)) !== null) {
      found.push({ word: match[0], start: match.index, end: match.index + match[0].length });
    }
    return found;
  }

  /** The passages of the index file as one flat list, each with its conversation and, for a wording, its parent. */
  function flatten(data) {
    var list = [];
    data.c.forEach(function (c, ci) {
      var first = list.length;
      c[4].forEach(function (row) {
        if (row.length === 4) {
          var parent = list[first + row[0]];
          list.push({ conversation: ci, person: parent.person, kind: parent.kind, anchor: parent.anchor, source: row[1],
            at: row[2], text: row[3], occasion: parent.occasion, wordingOf: parent });
        } else {
          list.push({ conversation: ci, person: row[0], kind: row[1], anchor: row[2], source: row[3], at: row[4],
            text: row[5], occasion: row.length > 6 ? row[6] : null, wordingOf: null });
        }
      });
    });
    return list;
  }

  /** A growable list of 32-bit integers. */
  function IntList(size) { this.data = new Int32Array(size || 1024); this.length = 0; }
  IntList.prototype.push = function (value) {
    if (this.length === this.data.length) {
      var bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  };

  /** Numbers for words: the same number for the same normalised word. */
  function Vocabulary() { this.byKey = new Map(); this.byWord = new Map(); }
  Vocabulary.prototype.add = function (word) {
    var id = this.byWord.get(word);
    if (id === undefined) {
      var key = normalise(word);
      id = this.byKey.get(key);
      if (id === undefined) { id = this.byKey.size; this.byKey.set(key, id); }
      this.byWord.set(word, id);
    }
    return id;
  };
  Vocabulary.prototype.find = function (word) {
    var id = this.byWord.get(word);
    if (id === undefined) { id = this.byKey.get(normalise(word)); }
    return id === undefined ? -1 : id;
  };

  function mix(a, b, c) {
    var h = Math.imul(a + 1, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca77) ^ Math.imul(c + 1, 0xc2b2ae3d);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    return (h ^ (h >>> 12)) >>> 0;
  }

  /** Passages by key, as one list with offsets; ``visit(p, emit)`` emits the keys of passage p.
   * With ``limit``, a key held by more passages than that keeps no list (it says little about where a
   * quotation is) and a passage is listed once per key; without, a key emitted twice lists it twice
   * (rare for three-word runs, and it saves a pass of random reads over a large table). */
  function invert(keys, passages, visit, limit) {
    var counts = new Uint32Array(keys + 1);
    var last = limit ? new Int32Array(keys).fill(-1) : null;
    var p;
    var count = last ? function (k) { if (last[k] !== p) { last[k] = p; counts[k + 1] += 1; } } : function (k) { counts[k + 1] += 1; };
    for (p = 0; p < passages; p++) { visit(p, count); }
    for (var k = 0; last && k < keys; k++) { if (counts[k + 1] > limit) { counts[k + 1] = 0; last[k] = -2; } else { last[k] = -1; } }
    for (k = 0; k < keys; k++) { counts[k + 1] += counts[k]; }
    var list = new Uint32Array(counts[keys]);
    var fill = counts.slice(0, keys);
    var put = last ? function (k) { if (last[k] !== p && last[k] !== -2) { last[k] = p; list[fill[k]++] = p; } } : function (k) { list[fill[k]++] = p; };
    for (p = 0; p < passages; p++) { visit(p, put); }
    return { offsets: counts, list: list };
  }

  function powerOfTwoAbove(n) { var size = 1024; while (size < n && size < (1 << 24)) { size *= 2; } return size; }

  /** The lookup structures for the index file's data (built once). */
  function buildIndex(data) {
    var passages = flatten(data);
    var vocabulary = new Vocabulary();
    var ids = new IntList(1 << 16);
    var starts = new Uint32Array(passages.length + 1);
    passages.forEach(function (passage, p) {
      starts[p] = ids.length;
      var match;
      WORD.lastIndex = 0;
      while ((match = WORD.exec(passage.text)) !== null) { ids.push(vocabulary.add(match[0])); }
    });
    starts[passages.length] = ids.length;
    var seq = ids.data;
    var mask = powerOfTwoAbove(ids.length / 2) - 1;
    var trigrams = invert(mask + 1, passages.length, function (p, emit) {
      for (var i = starts[p] + 2; i < starts[p + 1]; i++) { emit(mix(seq[i - 2], seq[i - 1], seq[i]) & mask); }
    }, 0);
    var common = Math.max(50, Math.ceil(passages.length / 50));
    var single = invert(vocabulary.byKey.size, passages.length, function (p, emit) {
      for (var i = starts[p]; i < starts[p + 1]; i++) { emit(seq[i]); }
    }, common);
    return {
      data: data, passages: passages, vocabulary: vocabulary, ids: seq, starts: starts, mask: mask,
      trigrams: trigrams, single: single, hits: new Uint16Array(passages.length), words: ids.length,
    };
  }

  /** The quotation's words as numbers; a word the archive never uses gets a number no passage has. */
  function queryIds(index, spans) {
    return spans.map(function (s, i) { var id = index.vocabulary.find(s.word); return id < 0 ? -1 - i : id; });
  }

  function keysOf(index, q) {
    var keys = [];
    var seen = new Set();
    function add(table, key, tag) {
      if (seen.has(tag)) { return; }
      seen.add(tag);
      var size = table.offsets[key + 1] - table.offsets[key];
      if (size > 0) { keys.push({ table: table, key: key, size: size }); }
    }
    for (var i = 0; i < q.length; i++) {
      if (q[i] >= 0) { add(index.single, q[i], "w" + q[i]); }
      if (i >= 2 && q[i] >= 0 && q[i - 1] >= 0 && q[i - 2] >= 0) {
        var bucket = mix(q[i - 2], q[i - 1], q[i]) & index.mask;
        add(index.trigrams, bucket, "t" + bucket);
      }
    }
    return keys.sort(function (a, b) { return a.size - b.size; });
  }

  /** The passages sharing the most of the quotation's rarest keys (at most CANDIDATES of them). */
  function candidates(index, q) {
    var hits = index.hits;
    var touched = [];
    var read = 0;
    keysOf(index, q).some(function (k) {
      if (read > 0 && read + k.size > POSTINGS_BUDGET) { return true; }
      read += k.size;
      for (var j = k.table.offsets[k.key]; j < k.table.offsets[k.key + 1]; j++) {
        var p = k.table.list[j];
        if (hits[p] === 0) { touched.push(p); }
        if (hits[p] < 65535) { hits[p] += 1; }
      }
      return false;
    });
    var histogram = [];
    touched.forEach(function (p) { histogram[hits[p]] = (histogram[hits[p]] || 0) + 1; });
    var threshold = histogram.length - 1;
    var taken = histogram[threshold] || 0;
    while (threshold > 1 && taken + (histogram[threshold - 1] || 0) <= CANDIDATES) { threshold -= 1; taken += histogram[threshold] || 0; }
    var chosen = [];
    touched.forEach(function (p) { if (hits[p] >= threshold && chosen.length < CANDIDATES) { chosen.push(p); } hits[p] = 0; });
    return chosen;
  }

  /** The least number of word edits turning the quotation into some stretch of the passage. */
  function fitCost(q, ids, from, to, column) {
    var m = q.length;
    for (var i = 0; i <= m; i++) { column[i] = i; }
    var best = m;
    for (var j = from; j < to; j++) {
      var word = ids[j];
      var diagonal = 0;
      for (i = 1; i <= m; i++) {
        var left = column[i];
        var cost = diagonal + (q[i - 1] === word ? 0 : 1);
        if (left + 1 < cost) { cost = left + 1; }
        if (column[i - 1] + 1 < cost) { cost = column[i - 1] + 1; }
        diagonal = left;
        column[i] = cost;
      }
      if (column[m] < best) { best = column[m]; }
    }
    return best;
  }

  /** The best stretch of the passage for the quotation, as edit steps:
   * ["=", i, j] same word, ["~", i, j] changed, ["-", i] only in the quotation, ["+", j] only in the passage. */
  function align(q, ids, from, to) {
    var m = q.length;
    var n = to - from;
    var width = n + 1;
    var table = new Int32Array((m + 1) * width);
    for (var i = 1; i <= m; i++) { table[i * width] = i; }
    for (i = 1; i <= m; i++) {
      for (var j = 1; j <= n; j++) {
        var cost = table[(i - 1) * width + j - 1] + (q[i - 1] === ids[from + j - 1] ? 0 : 1);
        cost = Math.min(cost, table[(i - 1) * width + j] + 1, table[i * width + j - 1] + 1);
        table[i * width + j] = cost;
      }
    }
    var end = 0;
    for (j = 1; j <= n; j++) { if (table[m * width + j] < table[m * width + end]) { end = j; } }
    var steps = [];
    i = m;
    j = end;
    while (i > 0) {
      var here = table[i * width + j];
      if (j > 0 && here === table[(i - 1) * width + j - 1] + (q[i - 1] === ids[from + j - 1] ? 0 : 1)) {
        steps.push([q[i - 1] === ids[from + j - 1] ? "=" : "~", i - 1, j - 1]);
        i -= 1;
        j -= 1;
      } else if (here === table[(i - 1) * width + j] + 1) {
        steps.push(["-", i - 1]);
        i -= 1;
      } else {
        steps.push(["+", j - 1]);
        j -= 1;
      }
    }
    return { steps: steps.reverse(), start: j, end: end, cost: table[m * width + end] };
  }

  /** Similarity of the quotation and the stretch: 2 × shared words / (quotation's words + stretch's words). */
  function similarity(alignment, m) {
    var same = alignment.steps.filter(function (s) { return s[0] === "="; }).length;
    return same === 0 ? 0 : (2 * same) / (m + alignment.end - alignment.start);
  }

  /** The passages closest to a quotation, best first: [{passage, number, similarity, alignment, quotation}]. */
  function lookup(index, text, limit) {
    var spans = words(text).slice(0, MAX_WORDS);
    if (spans.length < MIN_WORDS) { return []; }
    var q = queryIds(index, spans);
    var column = new Int32Array(q.length + 1);
    var scored = candidates(index, q).map(function (p) {
      return { p: p, cost: fitCost(q, index.ids, index.starts[p], index.starts[p + 1], column) };
    });
    scored.sort(function (a, b) { return a.cost - b.cost || a.p - b.p; });
    var results = scored.slice(0, 2 * (limit || SHOWN)).map(function (s) {
      var alignment = align(q, index.ids, index.starts[s.p], index.starts[s.p + 1]);
      return { number: s.p, passage: index.passages[s.p], similarity: similarity(alignment, q.length), alignment: alignment, quotation: { text: text, spans: spans } };
    });
    results = results.filter(function (r) { return r.similarity >= MIN_SIMILARITY; });
    results.sort(function (a, b) { return b.similarity - a.similarity || a.alignment.cost - b.alignment.cost || a.number - b.number; });
    return results.slice(0, limit || SHOWN);
  }

  /** The passage as pieces to show: {type: "context" | "same" | "del" | "ins" | "gap", text}. */
  function segments(result) {
    var text = result.passage.text;
    var spans = words(text);
    var quoted = result.quotation;
    var steps = result.alignment.steps;
    var first = result.alignment.start;
    var last = result.alignment.end - 1;
    var out = [];
    function push(type, piece) { if (piece) { out.push({ type: type, text: piece }); } }
    function between(j) { return j + 1 < spans.length ? text.slice(spans[j].end, spans[j + 1].start) : ""; }
    if (first > 0) {
      var from = Math.max(0, first - CONTEXT_WORDS);
      push("context", (from > 0 ? "… " : "") + text.slice(spans[from].start, spans[first].start));
    } else if (spans.length) {
      push("context", text.slice(0, spans[0].start));
    }
    var k = 0;
    while (k < steps.length) {
      if (steps[k][0] === "=") {
        push("same", spans[steps[k][2]].word);
        if (steps[k][2] < last) { push("same", between(steps[k][2])); }
        k += 1;
        continue;
      }
      var removed = [];
      var added = [];
      while (k < steps.length && steps[k][0] !== "=") {
        if (steps[k][0] !== "+") { removed.push(steps[k][1]); }
        if (steps[k][0] !== "-") { added.push(steps[k][steps[k][0] === "~" ? 2 : 1]); }
        k += 1;
      }
      if (removed.length) {
        if (out.length && !/\s$/.test(out[out.length - 1].text)) { push("gap", " "); }
        push("del", quoted.text.slice(quoted.spans[removed[0]].start, quoted.spans[removed[removed.length - 1]].end));
      }
      if (added.length) {
        var a = added[0];
        var b = added[added.length - 1];
        if (removed.length) { push("gap", " "); }
        push("ins", text.slice(spans[a].start, spans[b].end));
        if (b < last) { push("same", between(b)); }
      } else if (k < steps.length) {
        push("gap", " ");
      }
    }
    if (last >= 0 && last + 1 < spans.length) {
      var to = Math.min(spans.length - 1, last + CONTEXT_WORDS);
      push("context", text.slice(spans[last].end, spans[to].end) + (to < spans.length - 1 ? " …" : text.slice(spans[to].end)));
    } else if (last >= 0) {
      push("context", text.slice(spans[last].end));
    }
    return out;
  }

  var CITED = ["Quoted in", "Paraphrased in", "Summarised by the archive's editors from"];

  /** The passage's permanent address, from the site's root: "transcripts/<id>/#<anchor>". */
  function permalink(index, passage) {
    return index.data.c[passage.conversation][0] + "#" + passage.anchor;
  }

  /** A ready citation, as plain text: the document (for a public remark: who, where and when), where the
   * words were read, and the passage's permanent link in the archive. */
  function citation(index, passage) {
    var data = index.data;
    var c = data.c[passage.conversation];
    var remark = passage.occasion !== null;
    var said = remark ? data.p[passage.person] + ", " + passage.occasion + ", " + c[2] + "." : c[3];
    var read = passage.wordingOf ? "As printed in" : CITED[passage.kind];
    var where = data.s[passage.source] + (passage.at ? ", " + passage.at : "") + ".";
    return said + " " + read + " " + where + " In " + data.n + ", " + data.u + permalink(index, passage) + ".";
  }

  /* ---- the page ------------------------------------------------------------------------- */

  function element(doc, tag, className, text) {
    var node = doc.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function marked(doc, tag, label, text) {
    var node = doc.createElement(tag);
    node.appendChild(element(doc, "span", "sr-only", "[" + label + ": "));
    node.appendChild(doc.createTextNode(text));
    node.appendChild(element(doc, "span", "sr-only", "]"));
    return node;
  }

  function passageNode(doc, result) {
    var quote = element(doc, "blockquote", "qc-passage");
    var p = element(doc, "p");
    segments(result).forEach(function (s) {
      if (s.type === "del") { p.appendChild(marked(doc, "del", "only in your quotation", s.text)); }
      else if (s.type === "ins") { p.appendChild(marked(doc, "ins", "only in the passage", s.text)); }
      else if (s.type === "context") { p.appendChild(element(doc, "span", "qc-context", s.text)); }
      else { p.appendChild(doc.createTextNode(s.text)); }
    });
    quote.appendChild(p);
    return quote;
  }

  var WARNINGS = [
    "",
    "A paraphrase: a source's rewording, not the document's words. Do not quote it as the speaker's words.",
    "An editor's summary: the archive's own words, not the speaker's or the document's. Do not quote it as the speaker's words.",
  ];

  function what(passage) {
    if (passage.wordingOf) { return "another source's wording of " + (passage.occasion !== null ? "a public remark" : "an excerpt"); }
    return passage.occasion !== null ? "a public remark, not part of the private conversation" : "an excerpt of the conversation";
  }

  function resultNode(doc, index, result, root, number) {
    var passage = result.passage;
    var data = index.data;
    var c = data.c[passage.conversation];
    var item = element(doc, "li", "qc-result");
    var head = element(doc, "p", "qc-head");
    head.appendChild(element(doc, "span", "qc-score", Math.round(result.similarity * 100) + "% similar"));
    head.appendChild(doc.createTextNode(" "));
    head.appendChild(element(doc, "span", "speaker", data.p[passage.person]));
    head.appendChild(doc.createTextNode(", " + c[2] + " "));
    head.appendChild(element(doc, "span", "kind kind-" + KIND[passage.kind], data.k[passage.kind]));
    item.appendChild(head);
    item.appendChild(passageNode(doc, result));
    var where = element(doc, "p", "qc-where");
    where.appendChild(doc.createTextNode("From " + what(passage) + ": "));
    var a = element(doc, "a", "qc-link", c[1]);
    a.href = root + permalink(index, passage);
    where.appendChild(a);
    where.appendChild(doc.createTextNode(passage.occasion !== null ? " (" + passage.occasion + ")." : "."));
    item.appendChild(where);
    if (WARNINGS[passage.kind]) {
      var warning = element(doc, "p", "qc-warning");
      warning.appendChild(element(doc, "strong", "", "Not a quotation. "));
      warning.appendChild(doc.createTextNode(WARNINGS[passage.kind]));
      item.appendChild(warning);
    }
    var citeId = "qc-cite-" + number;
    var cite = element(doc, "div", "qc-cite");
    var label = element(doc, "p", "qc-cite-label", "Cite it");
    label.id = citeId + "-label";
    var textNode = element(doc, "p", "qc-cite-text", citation(index, passage));
    textNode.id = citeId;
    cite.appendChild(label);
    cite.appendChild(textNode);
    if (doc.defaultView && doc.defaultView.navigator.clipboard) {
      var button = element(doc, "button", "md-button qc-copy", "Copy citation");
      button.type = "button";
      button.setAttribute("aria-describedby", citeId);
      button.addEventListener("click", function () {
        doc.defaultView.navigator.clipboard.writeText(textNode.textContent).then(function () { button.textContent = "Copied"; });
      });
      cite.appendChild(button);
    }
    item.appendChild(cite);
    return item;
  }

  function summary(results) {
    if (!results.length) { return "No passage of the archive is close to this quotation."; }
    var best = results[0];
    return (results.length === 1 ? "1 close passage" : results.length + " close passages") + ". The closest is " +
      Math.round(best.similarity * 100) + "% similar.";
  }

  /** Wire up the checker on the page: reveal the form, load the index on first use, look up as the reader types. */
  function startPage(doc, win) {
    var box = doc.getElementById("quotation-check");
    if (!box) { return; }
    var field = doc.getElementById("qc-quotation");
    var status = doc.getElementById("qc-status");
    var list = doc.getElementById("qc-results");
    var key = doc.getElementById("qc-key");
    doc.getElementById("qc-nojs").hidden = true;
    doc.getElementById("qc-form").hidden = false;
    var root = box.getAttribute("data-root");
    var loading = null;
    var index = null;
    var timer = null;
    var shown = "";

    function say(text) { if (status.textContent !== text) { status.textContent = text; } }

    function load() {
      if (!loading) {
        say("Loading the archive's passages…");
        loading = win.fetch(box.getAttribute("data-index"))
          .then(function (response) { if (!response.ok) { throw new Error("HTTP " + response.status); } return response.json(); })
          .then(function (data) { index = buildIndex(data); say(""); return index; })
          .catch(function (error) { loading = null; say("The archive's passages could not be loaded (" + error.message + "). Try again later."); });
      }
      return loading;
    }

    function show() {
      var text = field.value;
      if (words(text).length < MIN_WORDS) {
        list.textContent = "";
        key.hidden = true;
        shown = "";
        say(text.trim() ? "Type at least three words." : "");
        return;
      }
      var results = lookup(index, text, SHOWN);
      var signature = results.map(function (r) { return r.number + ":" + r.similarity + ":" + JSON.stringify(r.alignment.steps); }).join("|");
      if (signature === shown) { return; }
      shown = signature;
      list.textContent = "";
      results.forEach(function (r, n) { list.appendChild(resultNode(doc, index, r, root, n + 1)); });
      key.hidden = results.length === 0;
      say(summary(results));
    }

    function later() {
      win.clearTimeout(timer);
      timer = win.setTimeout(function () {
        var ready = load();
        if (ready) { ready.then(function (i) { if (i) { show(); } }); }
      }, 200);
    }

    field.addEventListener("focus", load);
    field.addEventListener("input", later);
    if (field.value) { later(); }
  }

  return {
    normalise: normalise, words: words, buildIndex: buildIndex, lookup: lookup, segments: segments,
    citation: citation, permalink: permalink, startPage: startPage,
  };
}));
