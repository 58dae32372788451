// The terminal's printers of a played game (play_printers.h).
#include "tools/classroom/play_printers.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "tools/classroom/play_text.h"

namespace overstretch::cli {
namespace {

const std::string& ActorId(const Scenario& scenario, ActorIndex i) {
  return scenario.actors[i.get()].id;
}
const std::string& TheaterId(const Scenario& scenario, TheaterIndex k) {
  return scenario.theaters[k.get()].id;
}

}  // namespace

void PrintBriefing(std::ostream& out, const Scenario& scenario, const WorldState& s,
                   const Briefing& b) {
  const ActorDef& me = scenario.actors[b.actor.get()];
  out << fmt::format("\n=== Turn {} briefing for {} ({}) — what your government knows ===\n",
                     b.turn, me.id, me.name);
  out << fmt::format("Your forces: {:.1f} units; available to deploy this turn: {:.1f} units\n",
                     b.forces, b.available);
  std::string mine, placed, hostile;
  auto allied = [](const TieState* t) {
    return t != nullptr && (t->attrs.commitment > 0 || t->attrs.access > 0 || t->attrs.intel > 0);
  };
  for (const TieState& t : s.ties) {
    if (t.from == b.actor && t.attrs.hostility > 0) {
      hostile += fmt::format("{}{} {:.2f}", hostile.empty() ? "" : ", ", ActorId(scenario, t.to),
                             t.attrs.hostility);
    }
    // Alliance ties only: commitment, access or intelligence either way.
    const TieState* reverse = s.FindTie(t.to, t.from);
    if (!allied(&t) && !allied(reverse)) continue;
    if (t.from == b.actor) {
      mine += fmt::format(
          "  you -> {:<5} commitment {:.2f}  access {:.2f}  intel {:.2f}  "
          "your trust in them {:.2f}\n",
          ActorId(scenario, t.to), t.attrs.commitment, t.attrs.access, t.attrs.intel,
          t.attrs.trust);
    }
    if (t.to == b.actor) {
      const TieState* back = s.FindTie(b.actor, t.from);
      placed += fmt::format(
          "  {:<5} trusts you {:.2f}{}\n", ActorId(scenario, t.from), t.attrs.trust,
          back != nullptr && back->attrs.commitment > 0
              ? fmt::format(" (you are committed to them: {:.2f})", back->attrs.commitment)
              : "");
    }
  }
  out << "Your ties:\n" << (mine.empty() ? "  none\n" : mine);
  out << "Trust placed in you by your partners:\n" << (placed.empty() ? "  none\n" : placed);
  if (!hostile.empty()) out << "Your hostility toward: " << hostile << '\n';
  if (b.views.empty()) out << "No theater is active.\n";
  for (const TheaterView& v : b.views) {
    const TheaterDef& def = scenario.theaters[v.theater.get()];
    out << fmt::format("[{}] {}: escalation {}, control {:.3f} (challengers' share), value {:g}\n",
                       def.id, def.name, EscalationLevel(v.escalation), v.control, v.value);
    if (v.side == Side::kNone) {
      out << "  you stand aside: no pull strong enough to either side (nothing to decide)\n";
      continue;
    }
    out << fmt::format("  you stand with the {}{} (pull {:.2f})\n", SideName(v.side),
                       v.party ? " as a party: you may not abstain" : "", v.pull);
    if (b.turn <= 1) {
      out << "  no turn has been played yet: nothing delivered to estimate\n";
    } else {
      // The team knows its own contribution exactly: a fogged estimate of its
      // side below it would contradict what it knows.
      out << fmt::format(
          "  last turn, estimated under fog: your side delivered ~{:.1f}, the other side "
          "~{:.1f}; you delivered {:.1f} yourself\n",
          std::max(v.observed_own, v.own_last_delivered), v.observed_other, v.own_last_delivered);
    }
    out << fmt::format(
        "  your best route delivers {:.0f}% of what departs; allies' trust at stake {:.2f}; "
        "help requested {:.2f}{}\n",
        v.delivery * 100.0, v.credibility_at_stake, v.help_requested,
        v.other_side_nuclear ? "; the other side has nuclear weapons" : "");
    if (b.turn > 1) {
      out << fmt::format("  last turn {} other actors backed your side, {} backed the other\n",
                         v.own_side_backers, v.other_side_backers);
    }
  }
}

void PrintMenu(std::ostream& out, const Scenario& scenario, const Briefing& b,
               const TheaterView& view, const std::vector<MenuOption>& menu) {
  out << fmt::format("Decision for {} in {}:\n", ActorId(scenario, b.actor),
                     TheaterId(scenario, view.theater));
  for (std::size_t i = 0; i < menu.size(); ++i) {
    const TheaterChoice& c = menu[i].choice;
    const char* bases =
        c.grant_access ? "your bases open to your side" : "your bases stay closed to your side";
    out << fmt::format("  {:>2}) {}{}\n", i + 1, menu[i].label,
                       c.posture == Posture::kDeploy ? fmt::format("  (~{:.1f} units depart; {})",
                                                                   c.share * b.available, bases)
                       : c.posture == Posture::kSupport ? fmt::format("  (non-kinetic; {})", bases)
                                                        : std::string());
  }
}

void PrintAdjudication(std::ostream& out, const PlaySession& session, Turn turn,
                       const CaptureRecorder& c) {
  const Scenario& scenario = session.scenario();
  const std::size_t tcount = scenario.theaters.size();
  out << fmt::format("\n--- Turn {} adjudicated ---\n", turn);
  for (const std::string& label : c.injects) {
    out << fmt::format("inject at the start of the turn: {}\n", Shown(label, 200));
  }
  for (const auto& [k, e] : c.opened) {
    out << fmt::format("{} opened at escalation {}\n", TheaterId(scenario, k), EscalationLevel(e));
  }
  const RunSettings& run = scenario.run;
  for (const AdjudicationRecord& r : c.adjudications) {
    const TheaterDef& def = scenario.theaters[r.theater.get()];
    out << fmt::format("[{}] {}\n", def.id, def.name);
    out << fmt::format(
        "  delivered force: challengers {:.1f} vs defenders {:.1f} -> p(challengers prevail) "
        "= {:.3f} (contest success, decisiveness {:g})\n",
        r.phi_challengers, r.phi_defenders, r.p_challengers, run.decisiveness);
    const char* move = r.move > 0 ? "escalate" : r.move < 0 ? "de-escalate" : "hold";
    out << fmt::format("  escalation: the challengers' strongest move was to {}: {} -> {}\n", move,
                       EscalationLevel(r.escalation_before), EscalationLevel(r.escalation_after));
    if (r.days_fought > 0) {
      out << fmt::format(
          "  fighting: {:.1f} days; the challengers lost {:.1f}%, the "
          "defenders {:.1f}% of the force they deployed\n",
          r.days_fought, r.loss_share_challengers * 100.0, r.loss_share_defenders * 100.0);
    } else {
      out << "  no fighting below limited conflict (escalation 3)\n";
    }
    const int e = std::clamp(r.escalation_after, 0, kMaxEscalation);
    out << fmt::format("  control: {:.3f} -> {:.3f} (rate {:g} x (2p - 1) = {:+.3f})\n",
                       r.control_before, r.control_after, run.control_rate[e],
                       run.control_rate[e] * (2 * r.p_challengers - 1));
    std::string verdict;
    if (r.status != TheaterStatus::kActive) {
      verdict = fmt::format("the theater has ended: {}", TheaterStatusName(r.status));
    } else if (r.escalation_after >= 3) {
      verdict = "deterrence has failed: the theater is at war (escalation 3 or above)";
    } else {
      verdict = "deterrence holds for now (escalation 2 or below)";
    }
    out << "  " << verdict << '\n';
    std::map<Side, std::string> who;
    for (const CaptureRecorder::Decision& d : c.decisions) {
      if (d.theater != r.theater) continue;
      std::string what = PostureName(d.applied.posture);
      if (d.applied.posture == Posture::kDeploy) {
        const std::size_t slot = d.actor.get() * tcount + d.theater.get();
        what += fmt::format(" {:.1f}", slot < c.deployed.size() ? c.deployed[slot] : 0.0);
      }
      if (session.IsHuman(d.actor)) what += " [player]";
      std::string& list = who[d.side];
      list += (list.empty() ? "" : ", ") + fmt::format("{} {}", ActorId(scenario, d.actor), what);
    }
    out << fmt::format("  who did what: defenders: {}; challengers: {}{}\n",
                       who.count(Side::kDefenders) ? who[Side::kDefenders] : "none",
                       who.count(Side::kChallengers) ? who[Side::kChallengers] : "none",
                       who.count(Side::kNone) ? "; stood aside: " + who[Side::kNone] : "");
  }
  if (c.adjudications.empty()) out << "no theater was active\n";
  for (const AbandonmentRecord& a : c.abandonments) {
    out << fmt::format(
        "abandonment: {} delivered {:.0f}% of what {} needed of it in {} (commitment "
        "{:.2f}): {}'s trust in {} {:.3f} -> {:.3f}\n",
        ActorId(scenario, a.abandoner), 100.0 * a.delivered_share, ActorId(scenario, a.abandoned),
        TheaterId(scenario, a.theater), a.commitment, ActorId(scenario, a.abandoned),
        ActorId(scenario, a.abandoner), a.trust_before, a.trust_after);
  }
  PrintGameSummary(out, session);
}

void PrintTruth(std::ostream& out, const PlaySession& session) {
  const Scenario& scenario = session.scenario();
  const WorldState& s = session.state();
  out << fmt::format("\n*** TRUE STATE after turn {} (facilitator only: hidden values) ***\n",
                     s.turn);
  for (std::size_t k = 0; k < scenario.theaters.size(); ++k) {
    const TheaterState& t = s.theaters[k];
    out << fmt::format(
        "  {:<6} {:<8} escalation {}  control {:.3f}  delivered last turn: challengers "
        "{:.2f}, defenders {:.2f}\n",
        scenario.theaters[k].id, TheaterStatusName(t.status), EscalationLevel(t.escalation),
        t.control, s.last_phi[k * 2], s.last_phi[k * 2 + 1]);
  }
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    const ActorState& a = s.actors[i];
    out << fmt::format(
        "  {:<6} forces {:8.2f}  available {:7.2f}  global commitments {:.2f}  readiness "
        "{:.2f}  losses so far {:.2f}{}\n",
        scenario.actors[i].id, a.attrs.forces, AvailableForce(a.attrs), a.attrs.global_commitments,
        a.attrs.readiness, a.losses_total, session.IsHuman(ActorIndex(i)) ? "  [player]" : "");
  }
  out << "  ties (trust = from's trust in to):\n";
  for (const TieState& t : s.ties) {
    out << fmt::format(
        "    {:<5} -> {:<5} commitment {:.2f}  access {:.2f}  intel {:.2f}  "
        "trust {:.3f}  hostility {:.2f}\n",
        ActorId(scenario, t.from), ActorId(scenario, t.to), t.attrs.commitment, t.attrs.access,
        t.attrs.intel, t.attrs.trust, t.attrs.hostility);
  }
  out << fmt::format("  seed {}; {} steps in the history\n", session.seed(),
                     session.steps().size());
}

void PrintGameSummary(std::ostream& out, const PlaySession& session) {
  const RunSummary s = session.Summary();
  auto fixed = [](const std::optional<double>& x) {
    return x ? fmt::format("{:.3f}", *x) : std::string("n/a");
  };
  out << fmt::format(
      "after {} turns: deterrence rate {}, theaters lost {} of {} opened, max "
      "escalation {}, cohesion {}, abandonment events {}\n",
      s.turns_played, fixed(s.deterrence_rate), s.theaters_lost, s.theaters_opened,
      EscalationLevel(s.max_escalation), fixed(s.final_cohesion), s.abandonment_events);
}

}  // namespace overstretch::cli
