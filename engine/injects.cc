#include "engine/injects.h"

#include <algorithm>

namespace overstretch {

void ApplyEffect(const Scenario& scenario, WorldState& state, const Effect& e, Turn turn,
                 Recorder* recorder) {
  switch (e.kind) {
    case Effect::Kind::kSetActor: {
      ActorState& a = state.actors[e.entity];
      switch (static_cast<ActorField>(e.field)) {
        case ActorField::kForces:
          // A new force level is also the new regeneration target.
          a.attrs.forces = e.value;
          a.initial_forces = e.value;
          break;
        case ActorField::kGlobalCommitments:
          a.attrs.global_commitments = e.value;
          break;
        case ActorField::kHomeReserve:
          a.attrs.home_reserve = e.value;
          break;
        case ActorField::kReadiness:
          a.attrs.readiness = e.value;
          break;
        case ActorField::kReachKm:
          a.attrs.reach_km = e.value;
          break;
        case ActorField::kLethality:
          a.attrs.lethality = e.value;
          break;
        case ActorField::kRegeneration:
          a.attrs.regeneration = e.value;
          break;
        case ActorField::kIsr:
          a.attrs.isr = e.value;
          break;
        case ActorField::kGrievance:
          a.attrs.grievance = e.value;
          break;
        case ActorField::kNuclear:
          a.attrs.nuclear = e.value != 0.0;
          break;
      }
      break;
    }
    case Effect::Kind::kSetTheater: {
      TheaterState& th = state.theaters[e.entity];
      if (static_cast<TheaterField>(e.field) == TheaterField::kValue) {
        th.attrs.value = e.value;
      } else {
        th.attrs.stakes[e.other] = e.value;
      }
      break;
    }
    case Effect::Kind::kSetBase:
      state.base_capacity[e.entity] = e.value;
      break;
    case Effect::Kind::kOpen: {
      if (state.theaters[e.entity].status != TheaterStatus::kActive) {
        OpenTheater(scenario, state, TheaterIndex(e.entity), static_cast<int>(e.value), turn,
                    recorder);
      }
      break;
    }
    case Effect::Kind::kClose:
      if (state.theaters[e.entity].status == TheaterStatus::kActive ||
          state.theaters[e.entity].status == TheaterStatus::kPending) {
        state.theaters[e.entity].status = TheaterStatus::kClosed;
      }
      break;
    case Effect::Kind::kTie: {
      const ActorIndex from(e.entity), to(e.other);
      TieState* tie = state.FindTie(from, to);
      const bool pledged_before = tie != nullptr && tie->attrs.commitment > 0.0;
      if (tie == nullptr) {
        TieState added{from, to, TieAttributes{}};
        added.attrs.trust = e.tie.trust;  // the loader fills unset fields with defaults
        auto pos = std::lower_bound(state.ties.begin(), state.ties.end(), added,
                                    [](const TieState& a, const TieState& b) {
                                      return std::pair(a.from, a.to) < std::pair(b.from, b.to);
                                    });
        tie = &*state.ties.insert(pos, added);
        tie->attrs = e.tie;
        tie->trust_pledged = e.tie.trust;
        state.ties_structure_changed = true;
        state.IndexTies();
      }
      if (e.tie_mask & 1u) tie->attrs.commitment = e.tie.commitment;
      if (e.tie_mask & 2u) tie->attrs.access = e.tie.access;
      if (e.tie_mask & 4u) tie->attrs.intel = e.tie.intel;
      if (e.tie_mask & 8u) tie->attrs.trust = e.tie.trust;
      if (e.tie_mask & 16u) tie->attrs.hostility = e.tie.hostility;
      // A new pledge from -> to is measured by to's trust in from from now on,
      // so that pledging does not read as lost (or gained) cohesion.
      if (!pledged_before && tie->attrs.commitment > 0.0) {
        if (TieState* belief = state.FindTie(to, from)) belief->trust_pledged = belief->attrs.trust;
      }
      break;
    }
    case Effect::Kind::kCut: {
      TieState* tie = state.FindTie(ActorIndex(e.entity), ActorIndex(e.other));
      if (tie != nullptr) {
        state.ties.erase(state.ties.begin() + (tie - state.ties.data()));
        state.ties_structure_changed = true;
        state.IndexTies();
      }
      break;
    }
  }
}

void OpenTheater(const Scenario& scenario, WorldState& state, TheaterIndex k, int escalation,
                 Turn turn, Recorder* recorder) {
  TheaterState& th = state.theaters[k.get()];
  th.status = TheaterStatus::kActive;
  th.escalation = escalation;
  th.max_escalation = std::max(th.max_escalation, th.escalation);
  // A theater reopened with control already past the margin can be held.
  th.exceeded_margin = th.control > scenario.run.end_margin;
  th.opened = turn;
  if (recorder != nullptr) recorder->OnTheaterOpened(turn, k, th.escalation);
}

void ApplyScheduledEvents(const Scenario& scenario, WorldState& state, Turn turn,
                          Recorder* recorder) {
  for (const Inject& inject : scenario.injects) {
    if (inject.turn != turn) continue;
    for (const Effect& e : inject.effects) ApplyEffect(scenario, state, e, turn, recorder);
    if (recorder != nullptr) recorder->OnInject(turn, inject);
  }
  for (std::size_t k = 0; k < scenario.theaters.size(); ++k) {
    const TheaterDef& def = scenario.theaters[k];
    if (state.theaters[k].status == TheaterStatus::kPending && def.opens == turn) {
      OpenTheater(scenario, state, TheaterIndex(k), def.opening_escalation, turn, recorder);
    }
  }
}

}  // namespace overstretch
