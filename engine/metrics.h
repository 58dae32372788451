// Per-run metrics (MODEL.md §8), accumulated turn by turn. Kept apart from
// output: a sweep reads the RunSummary and writes nothing else.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/recorder.h"
#include "engine/scenario.h"

namespace overstretch {

struct TheaterSummary {
  bool opened = false;
  bool deterred = false;   // opened and never passed crisis (escalation <= 2 throughout)
  bool lost = false;       // control >= 0.5 at the end
  int max_escalation = 0;
  double final_control = 0.0;
  TheaterStatus final_status = TheaterStatus::kPending;
  int conflict_turns = 0;  // turns at escalation >= 3
  // Allied (non-patron) share of the defenders' delivered force over conflict turns.
  std::optional<double> allied_burden_share;
};

struct RunSummary {
  std::string scenario;
  std::uint64_t seed = 0;
  int turns_played = 0;
  std::optional<double> deterrence_rate;  // share of opened theaters deterred; null if none opened
  int theaters_opened = 0;
  int theaters_lost = 0;
  int max_escalation = 0;
  bool nuclear_threshold_reached = false;
  double losses_challengers = 0.0;  // attrition of actors while on the challengers' side
  double losses_defenders = 0.0;
  std::optional<double> allied_burden_share;  // pooled over conflict turns of all theaters
  int conflict_turns = 0;
  std::optional<double> patron_peak_stretch;  // null without a patron
  std::optional<double> final_cohesion;       // null without commitments
  int abandonment_events = 0;
  std::vector<TheaterSummary> theaters;       // by theater index
};

class MetricsAccumulator {
 public:
  explicit MetricsAccumulator(const Scenario& scenario);
  void Reset();
  void AddTurn(const TurnRecord& record);
  RunSummary Finish(std::uint64_t seed, int turns_played) const;

 private:
  const Scenario* scenario_;
  struct PerTheater {
    bool opened = false;
    int max_escalation = 0;
    double final_control = 0.0;
    TheaterStatus status = TheaterStatus::kPending;
    int conflict_turns = 0;
    double defenders_delivered = 0.0;
    double allied_delivered = 0.0;
  };
  std::vector<PerTheater> theaters_;
  double losses_c_ = 0.0;
  double losses_d_ = 0.0;
  double peak_stretch_ = 0.0;
  bool any_turn_ = false;
  double cohesion_ = 0.0;
  bool cohesion_defined_ = false;
  int abandonments_ = 0;
};

}  // namespace overstretch
