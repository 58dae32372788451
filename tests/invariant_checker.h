// A recorder that checks the engine's invariants every turn (docs/model.md §3.6,
// §7): forces never negative, control in [0,1], escalation within 0..5 and
// moving at most one step a turn by the challengers' move plus one
// inadvertent step up when the adjudication says it happened
// (docs/model.md §3.6), probabilities in [0,1], trust in [0,1].
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "engine/recorder.h"
#include "engine/scenario.h"

namespace overstretch::testing {

class InvariantChecker : public Recorder {
 public:
  explicit InvariantChecker(const Scenario& scenario, std::string label)
      : scenario_(scenario),
        label_(std::move(label)),
        last_escalation_(scenario.theaters.size(), -1),
        inadvertent_(scenario.theaters.size(), 0) {}

  // Called before OnTurn for every adjudicated theater.
  void OnAdjudication(const AdjudicationRecord& r) override {
    inadvertent_[r.theater.get()] = r.inadvertent ? 1 : 0;
    Check(r.inadvertent_hazard >= 0.0 && r.inadvertent_hazard < 1.0, "inadvertent hazard",
          r.inadvertent_hazard);
  }

  void OnTurn(const TurnRecord& r) override {
    for (const ActorTurn& a : r.actors) {
      Check(a.forces >= 0.0 && std::isfinite(a.forces), "forces", a.forces);
      Check(a.available >= 0.0, "available", a.available);
      Check(a.deployed >= 0.0 && a.deployed <= a.available * (1 + 1e-12) + 1e-12, "deployed",
            a.deployed);
      Check(a.losses >= 0.0, "losses", a.losses);
      Check(a.stretch >= 0.0 && std::isfinite(a.stretch), "stretch", a.stretch);
    }
    for (const TheaterTurn& t : r.theaters) {
      Check(t.control >= 0.0 && t.control <= 1.0, "control", t.control);
      Check(t.escalation >= 0 && t.escalation <= kMaxEscalation, "escalation", t.escalation);
      Check(t.p_challengers >= 0.0 && t.p_challengers <= 1.0, "p", t.p_challengers);
      Check(t.phi_challengers >= 0.0 && t.phi_defenders >= 0.0, "phi",
            std::min(t.phi_challengers, t.phi_defenders));
      if (t.adjudicated) {
        const int accident = inadvertent_[t.theater.get()];
        inadvertent_[t.theater.get()] = 0;
        const int step = t.escalation - t.escalation_at_start;
        Check(step >= -1 + accident && step <= 1 + accident, "escalation step", step);
        const int prev = last_escalation_[t.theater.get()];
        if (prev >= 0) {
          Check(std::abs(t.escalation_at_start - prev) <= 1 || t.escalation_at_start == prev,
                "escalation between turns", t.escalation_at_start - prev);
        }
        last_escalation_[t.theater.get()] = t.escalation;
      }
    }
    for (const TieState& tie : r.ties) {
      Check(tie.attrs.trust >= 0.0 && tie.attrs.trust <= 1.0, "trust", tie.attrs.trust);
    }
    if (r.cohesion_defined) Check(r.cohesion >= 0.0 && r.cohesion <= 1.0, "cohesion", r.cohesion);
    ++turns;
  }

  int turns = 0;
  int failures = 0;

 private:
  void Check(bool ok, const char* what, double value) {
    if (ok || failures > 5) return;  // a few reports are enough to debug
    ++failures;
    ADD_FAILURE() << label_ << ": invariant '" << what << "' violated (" << value << ")";
  }

  const Scenario& scenario_;
  std::string label_;
  std::vector<int> last_escalation_;
  std::vector<int> inadvertent_;  // this turn's adjudication stepped up by accident
};

}  // namespace overstretch::testing
