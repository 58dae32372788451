// Inadvertent escalation (docs/model.md §3.6): Schelling's "threat that
// leaves something to chance" and Posen's (1991) inadvertent escalation.
// Fighting at a conflict rung carries a risk of an unintended step up the
// ladder that nobody chose: the risk grows with the intensity of the
// fighting, with how badly it goes for one side (whose strategic assets and
// command links come under threat), and with the patron's stretch (thin
// forces leave deterrence to the risk of escalation rather than to denial).
#pragma once

#include <cstdint>
#include <span>

#include "engine/adjudication.h"
#include "engine/choice.h"
#include "engine/ids.h"
#include "engine/recorder.h"
#include "engine/scenario.h"

namespace overstretch {

// Per-turn probability of an unintended step up from `escalation`:
//   h = 1 - exp(-rate intensity[e] (1 + losses l) (1 + stretch S))
// for conflict rungs 3 <= e < 5, else 0. l in [0,1] is the heavier
// fractional loss of either side this turn, S in [0,1) the patron's bounded
// stretch (BoundedStretch). Parameters from run.inadvertent.
double InadvertentHazard(const RunSettings& run, int escalation, double heavier_loss_share,
                         double patron_stretch);

struct Inadvertence {
  double hazard = 0.0;                // h this turn
  double loss_share = 0.0;            // l: the heavier fractional loss
  Side heavier = Side::kChallengers;  // the side that took it (challengers on a tie)
  bool happened = false;              // the step up occurred
};

// Draws whether the theater keyed `theater_key` steps up by accident after
// this turn's fighting at `escalation`, from its own stream (purpose
// kInadvertent, keyed by turn and theater) so no other draw moves.
Inadvertence InadvertentStep(const RunSettings& run, std::uint64_t seed, Turn turn,
                             std::uint64_t theater_key, int escalation, const Attrition& fought,
                             double patron_stretch);

// The event of a theater reaching the nuclear threshold this turn: inadvertent
// if `accident` happened, else deliberate by the first challenger (by id) that
// chose to escalate. `choices` is [actor * theater_count + theater].
NuclearRecord NuclearRecordOf(const TheaterDef& def, Turn turn, TheaterIndex k,
                              const Inadvertence& accident, std::span<const TheaterChoice> choices,
                              std::size_t theater_count, double patron_stretch);

// Stretch_i = sum over the active theaters where i has a side of
// demand_ik / A_i (docs/model.md §3.9); demand and sides are
// [actor * theater_count + theater].
double ActorStretch(std::span<const double> demand, std::span<const Side> sides,
                    std::span<const TheaterIndex> active, std::size_t actor,
                    std::size_t theater_count, double available);

// Maps a stretch in [0, inf) to [0, 1): sigma / (1 + sigma), so 1 (demand
// equal to available force) reads as 0.5.
double BoundedStretch(double stretch);

}  // namespace overstretch
