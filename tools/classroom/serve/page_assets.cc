#include "tools/classroom/serve/page_assets.h"

namespace overstretch::serve {
namespace {

// Every piece of game text is put on the page with textContent, never as
// HTML: scenario names, headlines and reasons cannot inject markup.
constexpr std::string_view kGamePage = R"PAGE(<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Overstretch classroom</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;background:#f6f6f3;color:#1b1b1b;line-height:1.4}
header{background:#1f3a5f;color:#fff;padding:.6em 1em;display:flex;flex-wrap:wrap;gap:1em;align-items:baseline}
header h1{font-size:1.2em;margin:0}
main{padding:1em;max-width:70em;margin:auto}
section{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.8em 1em;margin:0 0 1em}
h2{font-size:1.1em;margin:.2em 0 .5em}
table{border-collapse:collapse;font-size:.92em}td,th{padding:.2em .6em;border-bottom:1px solid #eee;text-align:left}
.board span{display:inline-block;margin:.1em .4em;padding:.1em .5em;border-radius:1em;background:#ddd}
.board span.ready{background:#2a7a3b;color:#fff}
.theater{border-left:4px solid #1f3a5f;padding-left:.8em;margin:.8em 0}
.options label{display:block;padding:.15em 0}
.warn{color:#9b1c1c;font-weight:bold}.muted{color:#666}.ok{color:#2a7a3b}
#status{font-size:.85em}#timer{font-weight:bold}
button{font-size:1em;padding:.3em .9em;margin:.2em .3em .2em 0;cursor:pointer}
input,textarea,select{font-size:1em}textarea{width:100%;box-sizing:border-box}
#message{position:sticky;top:0;padding:.4em 1em;display:none}
#message.error{display:block;background:#fde8e8;color:#9b1c1c}
#message.notice{display:block;background:#e8f4ea;color:#1e5b2b}
.projector{font-size:1.6em}
.talk li{margin:.2em 0}.proposal{border-left:4px solid #8e6c00;padding:.2em .6em;margin:.4em 0}
.talk .from{font-weight:bold}.actions{display:inline-block;white-space:nowrap}
.scroll{overflow-x:auto;max-width:100%}
input,select,textarea{max-width:100%;box-sizing:border-box}
label.field{display:inline-block;margin:.1em .6em .1em 0}
@media (max-width:600px){main{padding:.5em}section{padding:.6em}header{gap:.3em .8em}
  #msg-text,#prop-note,#inject-headline,#override-reason,.veto input{width:100%}}
/* Printed, a team's page is its briefing pack: no controls, no live status. */
@media print{body{background:#fff}header{background:none;color:#000;padding:0 1em .5em}
  #status,#timer,#message,button,.form,#board,#view-as{display:none}
  section{border:none;padding:0;margin:0 0 1em}.theater{break-inside:avoid}}
</style></head><body>
<header><h1 id="title">Overstretch</h1><span id="turn"></span><span id="timer"></span>
<span id="status">connecting…</span></header>
<div id="message" role="status"></div>
<main id="main"></main>
<script>
"use strict";
const code = new URLSearchParams(location.search).get("code") || "";
let socket = null, state = null, timerEnd = null, viewAs = "", readOnly = false;

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v !== false && v !== null && v !== undefined) e.setAttribute(k, v === true ? "" : v);
  }
  for (const k of kids.flat()) if (k !== null && k !== undefined) e.append(k instanceof Node ? k : String(k));
  return e;
}
const fx = (x, d) => (x === null || x === undefined) ? "n/a" : Number(x).toFixed(d === undefined ? 2 : d);
const pct = x => Math.round(x * 100) + "%";
// Sends an action; the last error or notice goes (the reply brings a new one).
function send(msg) {
  if (!socket || socket.readyState !== 1) { say("error", "Not connected to the game server: reconnecting, try again in a moment."); return false; }
  say("", "");
  socket.send(JSON.stringify(msg));
  return true;
}
function say(kind, text) {
  const m = document.getElementById("message");
  m.className = kind; m.textContent = text;
}
function table(head, rows) {
  return el("div", {class: "scroll"}, el("table", {}, el("tr", {}, head.map(h => el("th", {}, h))),
            rows.map(r => el("tr", {}, r.map(c => el("td", {}, c))))));
}
function field(label, control) { return el("label", {class: "field"}, label + " ", control); }

function connect() {
  const proto = location.protocol === "https:" ? "wss:" : "ws:";
  socket = new WebSocket(proto + "//" + location.host + "/ws?code=" + encodeURIComponent(code));
  socket.onopen = () => { document.getElementById("status").textContent = "connected"; };
  socket.onclose = () => {
    document.getElementById("status").textContent = "reconnecting…";
    setTimeout(connect, 1000);
  };
  socket.onmessage = ev => {
    const m = JSON.parse(ev.data);
    if (m.type === "error") say("error", "Not done: " + m.message);
    else if (m.type === "notice") say("notice", m.message);
    else if (m.type === "state") { state = m; render(); }
  };
}

function header() {
  const p = state.public;
  document.getElementById("title").textContent =
    (state.role === "team" ? state.team.name + " (" + state.team.id + ")" :
     state.role === "facilitator" ? "Facilitator console" : "Projector") + " · " + p.scenario;
  document.getElementById("turn").textContent = p.finished ?
    "game over after turn " + p.turn_played : "turn " + p.open_turn + " of " + p.turns;
  timerEnd = p.seconds_left === null ? null : Date.now() + p.seconds_left * 1000;
  tick();
}
function tick() {
  const t = document.getElementById("timer");
  if (timerEnd === null) { t.textContent = ""; return; }
  const s = Math.max(0, Math.round((timerEnd - Date.now()) / 1000));
  t.textContent = "closes in " + Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
}
setInterval(tick, 1000);

function board() {
  return el("section", {id: "board", class: "board"}, el("h2", {}, "Orders in"),
    state.public.board.map(b => el("span", {class: b.ready ? "ready" : "", "data-team": b.team},
                                    b.team + (b.ready ? " ✓ in" : " … deciding"))));
}
function headlines(list) {
  return el("section", {id: "headlines"}, el("h2", {}, "Headlines"),
    list.length ? el("ul", {}, list.slice().reverse().map(h => el("li", {}, "Turn " + h.turn + ": " + h.text)))
                : el("p", {class: "muted"}, "none yet"));
}
function publicTheaters() {
  if (!state.public.theaters.length) {
    return el("section", {id: "theaters"}, el("h2", {}, "Theaters (public)"),
      el("p", {class: "muted"}, "No turn has been adjudicated yet: the theaters' public record starts with turn 1."));
  }
  return el("section", {id: "theaters"}, el("h2", {}, "Theaters (public)"),
    table(["theater", "status", "escalation", "control (challengers' share)"],
      state.public.theaters.map(t => [t.id + " " + t.name, t.status, t.escalation + " " + t.level, fx(t.control, 3)])));
}

// Messages and proposals: a team sees those it is party to, the facilitator
// all (the server sends nothing else).
const TIES = {access: "base access", intel: "intelligence sharing", commitment: "commitment"};
const WAYS = {give: "we give them", ask: "they give us", mutual: "both ways"};
function vetoable(p) {
  return p.status === "pending" || (p.status === "accepted" && !p.in_effect && !p.undone);
}
function proposalStatus(p) {
  if (p.status === "vetoed") return "vetoed by the facilitator: " + p.veto_reason;
  if (p.status !== "accepted") return p.status;
  if (p.in_effect) return "accepted: in effect";
  if (p.undone) return "accepted, then undone by the facilitator";
  return "accepted: takes effect when turn " + state.public.open_turn + " closes, unless the facilitator vetoes it";
}
function talks() {
  const t = state.talks, team = state.role === "team" ? state.team.id : null;
  const others = state.public.board.map(b => b.team).filter(id => id !== team);
  const box = el("section", {id: "talks", class: "talk"}, el("h2", {}, team ? "Messages and proposals (private: only the two parties and the facilitator see them)" : "Messages and proposals between teams (all)"));
  if (!readOnly) {
    const to = el("select", {id: "msg-to"}, others.map(id => el("option", {value: id}, id)),
                  team ? el("option", {value: "facilitator"}, "the facilitator") : null);
    const text = el("input", {id: "msg-text", size: 50, maxlength: 1000, placeholder: "a short message (at most 1000 characters)"});
    const sendMessage = () => {
      if (!text.value.trim()) { say("error", "Write a message before sending it."); return; }
      if (send({type: "message", to: to.value, text: text.value})) {
        say("notice", "Message sent to " + (to.value === "facilitator" ? "the facilitator" : to.value) + ".");
        text.value = "";
      }
    };
    text.addEventListener("keydown", e => { if (e.key === "Enter") sendMessage(); });
    box.append(el("p", {class: "form"}, field("To", to), text, " ",
      el("button", {id: "msg-send", onclick: sendMessage}, "Send message")));
  }
  box.append(el("h3", {}, "Messages"), t.messages.length ?
    el("ul", {id: "messages"}, t.messages.slice().reverse().map(m => el("li", {class: "msg"},
      "Turn " + m.turn + " · ", el("span", {class: "from"}, m.from + " → " + m.to), ": " + m.text))) :
    el("p", {class: "muted", id: "messages"}, "none yet"));
  if (team && !readOnly && !state.public.finished && others.length) {
    const to = el("select", {id: "prop-to"}, others.map(id => el("option", {value: id}, id)));
    const tie = el("select", {id: "prop-tie"}, Object.entries(TIES).map(([k, v]) => el("option", {value: k}, v)));
    const way = el("select", {id: "prop-direction"}, Object.entries(WAYS).map(([k, v]) => el("option", {value: k}, v)));
    const value = el("input", {id: "prop-value", type: "number", min: 0, max: 1, step: 0.1, value: 1, style: "width:4.5em"});
    const announce = el("select", {id: "prop-announce"}, el("option", {value: "yes"}, "announced to all when accepted"),
                        el("option", {value: "no"}, "kept between us"));
    const note = el("input", {id: "prop-note", size: 40, maxlength: 1000, placeholder: "a note to them (optional)"});
    const propose = () => {
      const v = Number(value.value);
      if (value.value === "" || !(v >= 0 && v <= 1)) { say("error", "The level is a number from 0 to 1 (e.g. 0.6)."); return; }
      if (send({type: "propose", to: to.value, tie: tie.value, direction: way.value, value: v,
                announce: announce.value === "yes", note: note.value})) {
        say("notice", "Proposal sent to " + to.value + ": it waits for their answer.");
        note.value = "";
      }
    };
    box.append(el("h3", {class: "form"}, "Propose"), el("p", {class: "form"}, field("To", to), field("Tie", tie), field("Direction", way),
      field("Level (0–1)", value), field("On acceptance", announce), note, " ",
      el("button", {id: "prop-send", onclick: propose}, "Send proposal")),
      el("p", {class: "muted form"}, "Accepted, it takes effect when the turn closes, just before the adjudication; until then the facilitator may veto it. Unanswered, it lapses when the turn closes."));
  }
  box.append(el("h3", {}, "Proposals"));
  if (!t.proposals.length) box.append(el("p", {class: "muted", id: "proposals"}, "none yet"));
  for (const p of t.proposals.slice().reverse()) {
    const status = proposalStatus(p);
    const row = el("div", {class: "proposal", "data-proposal": p.id, "data-status": p.status},
      "#" + p.id + ", turn " + p.turn + ": ", el("span", {class: "from"}, p.from + " → " + p.to), " proposes: " + p.terms +
      (p.announce ? " (announced if accepted)" : " (private)") + (p.note ? " — “" + p.note + "”" : "") + " — " + status + " ");
    if (team && !readOnly && p.status === "pending") {
      if (p.to === team) {
        row.append(el("span", {class: "actions"},
          el("button", {id: "accept-" + p.id, onclick: () => send({type: "answer", proposal: p.id, reply: "accept"})}, "Accept"),
          el("button", {id: "decline-" + p.id, onclick: () => send({type: "answer", proposal: p.id, reply: "decline"})}, "Decline")));
      } else {
        row.append(el("span", {class: "actions"},
          el("button", {id: "withdraw-" + p.id, onclick: () => send({type: "answer", proposal: p.id, reply: "withdraw"})}, "Withdraw")));
      }
    }
    if (!team && !readOnly && vetoable(p)) {
      const reason = el("input", {id: "veto-reason-" + p.id, size: 40, maxlength: 1000, placeholder: "why (required; both teams see it)"});
      row.append(el("div", {class: "veto form"}, reason, " ",
        el("button", {id: "veto-" + p.id, onclick: () => send({type: "veto", proposal: p.id, reason: reason.value})}, "Veto")));
    }
    box.append(row);
  }
  return box;
}

function renderTeam() {
  const b = state.briefing, out = [board()];
  const p = state.public;
  out.push(headlines(p.headlines));
  if (p.finished) out.push(el("section", {}, el("h2", {}, "The game is over"), "Thank you; the debrief follows."));
  if (b) {
    const brief = el("section", {id: "briefing"}, el("h2", {}, "Turn " + b.turn + " briefing — what your government knows"),
      el("p", {}, "Your forces: " + fx(b.forces, 1) + " units; available to deploy this turn: " + fx(b.available, 1) + " units"),
      el("h3", {}, "Your ties"),
      b.ties.length ? table(["to", "commitment", "access", "intel", "your trust in them"],
        b.ties.map(t => [t.to, fx(t.commitment), fx(t.access), fx(t.intel), fx(t.trust)])) : el("p", {}, "none"),
      el("h3", {}, "Trust placed in you"),
      b.trusted_by.length ? table(["partner", "trust"], b.trusted_by.map(t => [t.from, fx(t.trust)])) : el("p", {}, "none"));
    if (b.theaters.length === 0) brief.append(el("p", {}, "No theater is active."));
    for (const t of b.theaters) {
      const box = el("div", {class: "theater", "data-theater": t.id},
        el("h3", {}, t.id + " " + t.name),
        el("p", {}, "escalation " + t.escalation + " (" + t.level + "), control " + fx(t.control, 3) + ", value " + t.value));
      if (t.side === "none") {
        box.append(el("p", {class: "muted"}, "You stand aside: nothing to decide here."));
      } else {
        box.append(el("p", {}, "You stand with the " + t.side + (t.party ? " as a party (you may not abstain)" : "") + "; pull " + fx(t.pull)),
          p.turn_played === 0 ? el("p", {class: "muted"}, "No turn has been played yet: nothing delivered to estimate.") :
          el("p", {}, "Last turn, estimated under fog: your side delivered ~" + fx(t.estimated_own_side, 1) +
            ", the other side ~" + fx(t.estimated_other_side, 1) + "; you delivered " + fx(t.own_last_delivered, 1) + " yourself."),
          el("p", {}, "Your best route delivers " + pct(t.delivery) + " of what departs; allies' trust at stake " +
            fx(t.credibility_at_stake) + "; help requested " + fx(t.help_requested) +
            (t.other_side_nuclear ? "; the other side has nuclear weapons" : "")));
        const chosen = state.orders[t.id];
        const opts = el("div", {class: "options"});
        t.options.forEach((o, i) => {
          const id = "opt-" + t.id + "-" + i;
          opts.append(el("label", {for: id}, el("input", {type: "radio", name: "opt-" + t.id, id: id, value: i,
              checked: !!chosen && chosen.option === i, disabled: p.finished,
              onchange: () => send({type: "order", theater: t.id, option: i})}),
            " " + o.label + (o.posture === "deploy" ? "  (~" + fx(o.units, 1) + " units depart)" :
                              o.posture === "support" ? "  (non-kinetic backing)" : "")));
        });
        box.append(opts);
      }
      brief.append(box);
    }
    const c = state.committed_share;
    brief.append(el("p", {id: "commitment", class: state.overcommitted ? "warn" : ""},
      "Your orders deploy " + pct(c) + " of your available force" +
      (state.overcommitted ? ": more than you have — they will be scaled down pro rata" : ".")));
    brief.append(state.ready ?
      el("p", {}, el("span", {class: "ok", id: "ready-note"}, "Your orders are in. "),
         el("button", {id: "revise", onclick: () => send({type: "ready", ready: false})}, "Revise")) :
      el("button", {id: "orders-in", onclick: () => send({type: "ready", ready: true})}, "Orders in"));
    out.push(brief);
  }
  out.push(talks());
  out.push(publicTheaters());
  const hist = el("section", {id: "history"}, el("h2", {}, "What you saw of past turns"),
    state.history.length ? null : el("p", {class: "muted"}, "No turn has been played yet."));
  for (const r of state.history.slice().reverse()) {
    hist.append(el("h3", {}, "Turn " + r.turn + (r.model_decided_for_you ? " — your orders were incomplete: your government's default policy (the model) decided" : "")),
      ...r.opened.map(o => el("p", {}, o.theater + " opened at escalation " + o.escalation)),
      table(["theater", "escalation", "control", "fighting", "status"],
        r.theaters.map(t => [t.theater, t.escalation_before + " → " + t.escalation_after,
          fx(t.control_before, 3) + " → " + fx(t.control_after, 3),
          t.days_fought > 0 ? fx(t.days_fought, 1) + " days" : "none", t.status])),
      el("p", {}, "Your decisions: " + (r.your_decisions.map(d => d.theater + ": " + d.posture +
          (d.posture === "deploy" ? " " + fx(d.departed, 1) + " units" : "")).join("; ") || "none")),
      ...r.abandonments.map(a => el("p", {class: "warn"}, a.abandoner + " did not deploy for " + a.abandoned + " in " + a.theater)));
  }
  out.push(hist);
  return out;
}

function viewAsPicker() {
  return el("section", {id: "view-as"}, "View as: ",
    el("select", {id: "view-as-team", onchange: e => { viewAs = e.target.value; render(); }},
      el("option", {value: ""}, "the facilitator console"),
      Object.keys(state.team_views).map(id => el("option", {value: id, selected: id === viewAs}, "team " + id))));
}

// Proposals the facilitator may still veto, named where the turn is closed.
function awaiting() {
  const waiting = state.talks.proposals.filter(vetoable);
  if (!waiting.length) return null;
  return el("p", {id: "awaiting", class: "warn"}, waiting.length === 1 ? "1 proposal between teams" : waiting.length + " proposals between teams",
    " can still be vetoed before you close the turn (accepted ones take effect when it closes): ",
    el("a", {href: "#talks"}, "see Messages and proposals"), ".");
}

function renderFacilitator() {
  if (viewAs && state.team_views[viewAs]) {
    // Exactly the team's page, read-only (the server refuses orders from here).
    const console_ = state;
    state = console_.team_views[viewAs];
    readOnly = true;
    const page = renderTeam();
    readOnly = false;
    state = console_;
    return [viewAsPicker(), el("p", {class: "warn"}, "You are seeing " + viewAs + "'s page."), ...page];
  }
  const p = state.public, out = [viewAsPicker(), board()];
  const turnBox = el("section", {id: "turn-control"}, el("h2", {}, p.finished ? "Game over" : "Turn " + p.open_turn),
    table(["team", "orders", "complete", "in"], state.teams.map(t =>
      [t.team, Object.entries(t.orders).map(([k, v]) => k + ": " + v).join("; ") || "none",
       t.complete ? "yes" : "no (the model will decide)", t.ready ? "✓" : ""])),
    awaiting(),
    el("button", {id: "close-turn", disabled: p.finished, onclick: () => send({type: "close_turn"})}, "Close the turn and adjudicate"),
    el("button", {id: "undo", onclick: () => send({type: "undo"})}, "Undo last step"),
    el("button", {id: "save", onclick: () => send({type: "save"})}, "Save"));
  out.push(turnBox);
  const eff = el("textarea", {id: "inject-effect", rows: 2, placeholder: "{set: actors.US.global_commitments, value: 0.9}"});
  const head = el("input", {id: "inject-headline", size: 60, placeholder: "headline for the teams (empty: not announced)"});
  out.push(el("section", {id: "inject"}, el("h2", {}, "Inject (before turn " + p.open_turn + ")"),
    el("label", {for: "inject-effect"}, "Effect, written as in a scenario's injects:"), eff, head,
    el("button", {id: "inject-send", onclick: () => send({type: "inject", effect: eff.value, headline: head.value})}, "Apply inject")));
  const active = state.truth.theaters.filter(t => t.status === "active");
  const th = el("select", {id: "override-theater"}, active.map(t => el("option", {value: t.id}, t.id)));
  const which = el("select", {id: "override-field"}, el("option", {value: "control"}, "control (0–1)"), el("option", {value: "escalation"}, "escalation (0–5)"));
  const value = el("input", {id: "override-value", size: 6});
  const reason = el("input", {id: "override-reason", size: 40, placeholder: "reason (required, logged)"});
  out.push(el("section", {id: "override"}, el("h2", {}, "Override an outcome"),
    active.length ? el("p", {}, field("Theater", th), field("Field", which), field("New value", value), reason,
      el("button", {id: "override-send", onclick: () => send({type: "override", theater: th.value, field: which.value, value: value.value, reason: reason.value})}, "Override")) :
      el("p", {class: "muted"}, "No theater is active yet: an outcome can be overridden once a turn has opened it.")));
  out.push(headlines(p.headlines));
  out.push(talks());
  out.push(el("section", {id: "truth"}, el("h2", {}, (p.turn_played ? "True state after turn " + p.turn_played : "True state before turn 1") + " (facilitator only)"),
    table(["theater", "status", "escalation", "control", "delivered: challengers", "defenders"],
      state.truth.theaters.map(t => [t.id, t.status, t.escalation, fx(t.control, 3), fx(t.delivered_challengers), fx(t.delivered_defenders)])),
    table(["actor", "forces", "available", "global commitments", "readiness", "losses", ""],
      state.truth.actors.map(a => [a.id, fx(a.forces), fx(a.available), fx(a.global_commitments), fx(a.readiness), fx(a.losses), a.team ? "team" : "model"]))));
  const hist = el("section", {id: "history"}, el("h2", {}, "Adjudications"),
    state.history.length ? null : el("p", {class: "muted"}, "No turn has been played yet."));
  for (const r of state.history.slice().reverse()) {
    hist.append(el("h3", {}, "Turn " + r.turn + (r.closed_by_timer ? " (closed by the timer)" : "") +
        (r.model_decided.length ? " — the model decided for " + r.model_decided.join(", ") : "")),
      table(["theater", "delivered C vs D", "p(C)", "escalation", "control", "who did what"],
        r.theaters.map(t => [t.theater, fx(t.phi_challengers, 1) + " vs " + fx(t.phi_defenders, 1), fx(t.p_challengers, 3),
          t.escalation_before + " → " + t.escalation_after, fx(t.control_before, 3) + " → " + fx(t.control_after, 3),
          t.who.map(w => w.actor + " " + w.posture + (w.posture === "deploy" ? " " + fx(w.departed, 1) : "") + (w.team ? " [team]" : "")).join(", ")])));
  }
  out.push(hist);
  out.push(el("section", {id: "steps"}, el("h2", {}, "Facilitator steps"),
    state.facilitator_steps.length ? el("ul", {}, state.facilitator_steps.map(s => el("li", {}, s))) :
      el("p", {class: "muted"}, "No inject, override or agreement yet.")));
  return out;
}

function renderProjector() {
  const p = state.public;
  document.body.classList.add("projector");
  return [board(), publicTheaters(), headlines(p.headlines)];
}

function render() {
  header();
  const main = document.getElementById("main");
  // Keep what the facilitator is typing across updates.
  const keep = {}, active = document.activeElement ? document.activeElement.id : "";
  for (const f of main.querySelectorAll("input:not([type=radio]),textarea,select")) keep[f.id] = f.value;
  main.replaceChildren(...(state.role === "team" ? renderTeam() :
                           state.role === "facilitator" ? renderFacilitator() : renderProjector()));
  for (const [id, v] of Object.entries(keep)) { const f = document.getElementById(id); if (f && v) f.value = v; }
  if (active && document.getElementById(active)) document.getElementById(active).focus();
}
connect();
</script></body></html>
)PAGE";

constexpr std::string_view kJoinPage = R"PAGE(<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Overstretch classroom: join</title>
<style>body{font-family:system-ui,sans-serif;max-width:30em;margin:3em auto;padding:0 1em}
input{font-size:1.1em;width:100%;box-sizing:border-box;margin:.5em 0}</style></head><body>
<h1>Join the exercise</h1>
<p>Enter the join code your facilitator gave your team.</p>
<form method="get" action="/play"><input name="code" autocomplete="off" autofocus>
<button type="submit">Join</button></form>
</body></html>
)PAGE";

}  // namespace

std::string_view GamePage() { return kGamePage; }
std::string_view JoinPage() { return kJoinPage; }

}  // namespace overstretch::serve
