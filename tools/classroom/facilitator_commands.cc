// Checking the facilitator's inject and override (facilitator_commands.h).
#include "tools/classroom/facilitator_commands.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <sstream>

#include "tools/classroom/line_reader.h"
#include "tools/classroom/play_text.h"
#include "tools/runio/csv.h"

namespace overstretch::cli {
namespace {

FacilitatorCheck Invalid(std::string error) {
  FacilitatorCheck check;
  check.problem = FacilitatorCheck::Problem::kInvalid;
  check.error = std::move(error);
  return check;
}

}  // namespace

FacilitatorCheck CheckInject(const PlaySession& session, const ScenarioSource& source,
                             const std::vector<Override>& overrides, const ModelRegistry& registry,
                             const std::string& effect) {
  FacilitatorCheck check;
  if (effect.empty()) {
    check.problem = FacilitatorCheck::Problem::kUsage;
    return check;
  }
  if (session.Finished()) return Invalid("inject: the game is over (undo first to go back)");
  const ScenarioSource::EffectResult r = source.ParseEffect(effect, overrides, registry);
  if (!r.inject) {
    check.problem = FacilitatorCheck::Problem::kBadEffect;
    for (const Diagnostic& d : r.diagnostics) check.diagnostics.push_back(Shown(d.message, 300));
    return check;
  }
  Step step;
  step.kind = Step::Kind::kInject;
  step.text = "inject " + Shown(effect, kMaxLine);
  step.inject = *r.inject;
  step.inject.turn = session.state().turn + 1;
  step.inject.label = "facilitator: " + Shown(effect, 200);
  check.step = std::move(step);
  return check;
}

FacilitatorCheck CheckOverride(const PlaySession& session, const std::string& text) {
  FacilitatorCheck check;
  std::istringstream words(text);
  words >> check.theater >> check.field >> check.value;
  std::getline(words, check.reason);
  check.reason = Trim(check.reason);
  if (check.theater.empty() || check.field.empty() || check.value.empty()) {
    check.problem = FacilitatorCheck::Problem::kUsage;
    return check;
  }
  const Scenario& scenario = session.scenario();
  const std::string& theater = check.theater;
  std::optional<std::size_t> k;
  for (std::size_t i = 0; i < scenario.theaters.size(); ++i) {
    if (scenario.theaters[i].id == theater) k = i;
  }
  if (!k) return Invalid(fmt::format("override: no theater '{}'", Shown(theater, 40)));
  const TheaterStatus status = session.state().theaters[*k].status;
  if (status != TheaterStatus::kActive) {
    return Invalid(
        fmt::format("override: {} is {}: only an active theater's outcome can be overridden",
                    theater, TheaterStatusName(status)));
  }
  Step step;
  step.kind = Step::Kind::kOverride;
  step.theater = TheaterIndex(*k);
  const std::string shown_field = check.field;
  check.field = Squash(check.field);
  if (check.field == "control") {
    const std::optional<double> v = ParseFiniteDouble(check.value);
    if (!v || *v < 0.0 || *v > 1.0) {
      return Invalid(fmt::format("override: control must be a number in [0, 1], got '{}'",
                                 Shown(check.value, 40)));
    }
    step.value = *v;
  } else if (check.field == "escalation") {
    const std::optional<long long> v = ParseInteger(check.value);
    if (!v || *v < 0 || *v > kMaxEscalation) {
      return Invalid(fmt::format("override: escalation must be a whole number 0-5, got '{}'",
                                 Shown(check.value, 40)));
    }
    step.escalation = true;
    step.value = static_cast<double>(*v);
  } else {
    return Invalid(fmt::format("override: '{}' cannot be overridden: control or escalation",
                               Shown(shown_field, 40)));
  }
  if (std::none_of(check.reason.begin(), check.reason.end(),
                   [](unsigned char c) { return std::isalpha(c) != 0; })) {
    check.problem = FacilitatorCheck::Problem::kNoReason;
    check.error = "override: a reason is required (it is logged for the debrief)";
    return check;
  }
  step.reason = Shown(check.reason, kMaxLine);
  step.text = fmt::format("override {} {} {}", theater, check.field, check.value);
  check.step = std::move(step);
  return check;
}

}  // namespace overstretch::cli
