// The facilitator's two commands that change a played game, checked the same
// way for the terminal (`inject EFFECT`, `override THEATER control|escalation
// VALUE REASON...`; docs/classroom.md) and the browser: an inject is an
// effect written as in a scenario's injects, applied before the next turn;
// an override sets an active theater's control or escalation and needs a
// reason, logged for the debrief. Each front end words its own usage hint.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/model_registry.h"
#include "engine/scenario_loader.h"
#include "tools/classroom/play_session.h"

namespace overstretch::cli {

struct FacilitatorCheck {
  enum class Problem { kNone, kUsage, kNoReason, kBadEffect, kInvalid };
  std::optional<Step> step;  // the step to apply when valid
  Problem problem = Problem::kNone;
  std::string error;                     // kNoReason, kInvalid: "inject: ..." / "override: ..."
  std::vector<std::string> diagnostics;  // kBadEffect: the effect's messages (shown safely)
  // An override as understood, for the confirmation (field lowercased).
  std::string theater, field, value, reason;
};

// `effect` (trimmed) for the turn after the session's. kUsage when empty,
// kBadEffect when it is not a valid effect.
FacilitatorCheck CheckInject(const PlaySession& session, const ScenarioSource& source,
                             const std::vector<Override>& overrides, const ModelRegistry& registry,
                             const std::string& effect);

// `text` is "THEATER FIELD VALUE REASON...". kUsage when a word is missing,
// kNoReason when the reason has no letter.
FacilitatorCheck CheckOverride(const PlaySession& session, const std::string& text);

}  // namespace overstretch::cli
