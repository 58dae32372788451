// The turn loop against hand-computed cases: scripted actors make every
// choice known, fog 0 makes every observation exact, so each number of a
// turn can be worked out on paper (the comments do it).
#include "engine/simulation.h"

#include <gtest/gtest.h>

#include <cmath>

#include "tests/test_support.h"

namespace overstretch {
namespace {

using testing::LoadTextOrDie;
using testing::MemoryRecorder;

// Two actors one degree of longitude either side of a theater on the equator:
// each is 6371 * pi / 180 = 111.195 km away, and with reach 1000 km a unit
// arrives as exp(-0.111195) = 0.894775 of itself.
constexpr const char* kDuel = R"(
scenario: {name: duel}
run:
  turns: 3
  fog: 0
  trust: {reputation: 0}
actors:
  A:
    model: scripted
    forces: 100
    home: [0, 1]
    global_commitments: 0
    home_reserve: 0
    readiness: 1
    reach_km: 1000
    lethality: 0.01
    regeneration: 0.5
    script:
      - {turn: 1, theater: X, posture: deploy, share: 1.0, move: escalate}
      - {turn: 2, theater: X, posture: deploy, share: 0.5, move: hold}
  B:
    model: scripted
    forces: 50
    home: [0, -1]
    global_commitments: 0
    home_reserve: 0
    readiness: 1
    reach_km: 1000
    lethality: 0.01
    regeneration: 0.5
    script:
      - {turn: 1, theater: X, posture: deploy, share: 1.0}
      - {turn: 2, theater: X, posture: support}
theaters:
  X:
    location: [0, 0]
    opens: 1
    escalation: 2
    challengers: [A]
    defenders: [B]
)";

double Share() { return std::exp(-(6371.0 * M_PI / 180.0) / 1000.0); }

TEST(Simulation, ScriptedDuelMatchesHandComputation) {
  const Scenario sc = LoadTextOrDie(kDuel);
  ASSERT_EQ(sc.actors.size(), 2u);
  Simulation sim(sc, testing::BuiltinRegistry());
  MemoryRecorder rec;
  const RunSummary summary = sim.Run(7, &rec);
  ASSERT_EQ(rec.turns.size(), 3u);

  // Turn 1: A sends 100, B sends 50; both arrive at share s.
  const double s = Share();
  const double x0 = 100 * s, y0 = 50 * s;
  const TheaterTurn& t1 = rec.turns[0].theaters[0];
  EXPECT_NEAR(t1.phi_challengers, x0, 1e-9);
  EXPECT_NEAR(t1.phi_defenders, y0, 1e-9);
  EXPECT_NEAR(t1.p_challengers, 2.0 / 3.0, 1e-12);
  // A escalates from 2 to 3: limited conflict, fought for 30 * 0.1 = 3 days.
  EXPECT_EQ(t1.escalation_at_start, 2);
  EXPECT_EQ(t1.escalation, 3);
  // Square law with a = b = 0.01: omega = 0.01, survivors after 3 days.
  const double w = 0.03;
  const double x = x0 * std::cosh(w) - y0 * std::sinh(w);
  const double y = y0 * std::cosh(w) - x0 * std::sinh(w);
  const double lost_a = 100 * (1 - x / x0);
  const double lost_b = 50 * (1 - y / y0);
  EXPECT_NEAR(t1.losses_challengers, lost_a, 1e-9);
  EXPECT_NEAR(t1.losses_defenders, lost_b, 1e-9);
  // Control moves by control_rate[3] (2p - 1) = 0.05 / 3.
  EXPECT_NEAR(t1.control, 0.05 / 3.0, 1e-12);
  // Forces after losses, then half the gap to the initial level regenerates.
  const ActorTurn& a1 = rec.turns[0].actors[0];
  EXPECT_NEAR(a1.forces, (100 - lost_a) + 0.5 * lost_a, 1e-9);
  EXPECT_NEAR(a1.losses, lost_a, 1e-9);

  // Turn 2: A deploys half of its (regenerated) force, B only supports, so
  // the defenders deliver nothing and the challengers win the turn outright.
  const TheaterTurn& t2 = rec.turns[1].theaters[0];
  const double a_forces = (100 - lost_a) + 0.5 * lost_a;
  EXPECT_NEAR(t2.phi_challengers, 0.5 * a_forces * s, 1e-9);
  EXPECT_EQ(t2.phi_defenders, 0.0);
  EXPECT_EQ(t2.p_challengers, 1.0);
  EXPECT_EQ(t2.losses_challengers, 0.0);  // nobody to fight
  EXPECT_NEAR(t2.control, 0.05 / 3.0 + 0.05, 1e-12);
  EXPECT_EQ(summary.max_escalation, 3);
  ASSERT_TRUE(summary.deterrence_rate.has_value());
  EXPECT_EQ(*summary.deterrence_rate, 0.0);  // it passed crisis
}

// A third actor committed to the defender abstains in a crisis: B's trust in
// it falls by trust_loss * m * tau and an abandonment event is logged; when
// it deploys, trust rises by trust_gain * (1 - tau).
constexpr const char* kAlly = R"(
scenario: {name: ally}
run: {turns: 2, fog: 0, trust: {initial: 0.8, gain: 0.05, loss: 0.2, reputation: 0, abandon_min: 0.3}}
actors:
  A: {model: scripted, forces: 10, home: [0, 1]}
  B: {model: scripted, forces: 10, home: [0, -1]}
  C:
    model: scripted
    forces: 10
    home: [1, 0]
    script:
      - {turn: 1, theater: X, posture: abstain}
      - {turn: 2, theater: X, posture: deploy, share: 0.5}
ties:
  - {from: C, to: B, commitment: 0.5}
  - {from: B, to: C, trust: 0.8}
theaters:
  X: {location: [0, 0], escalation: 2, challengers: [A], defenders: [B]}
)";

TEST(Simulation, AbandonmentAndTrust) {
  const Scenario sc = LoadTextOrDie(kAlly);
  Simulation sim(sc, testing::BuiltinRegistry());
  MemoryRecorder rec;
  const RunSummary summary = sim.Run(1, &rec);
  ASSERT_EQ(rec.turns.size(), 2u);
  auto trust_b_in_c = [&](std::size_t turn) {
    for (const TieState& t : rec.turns[turn].ties) {
      if (sc.actors[t.from.get()].id == "B" && sc.actors[t.to.get()].id == "C")
        return t.attrs.trust;
    }
    return -1.0;
  };
  const double after1 = 0.8 - 0.2 * 0.5 * 0.8;  // abandonment
  EXPECT_NEAR(trust_b_in_c(0), after1, 1e-12);
  ASSERT_EQ(rec.abandonments.size(), 1u);
  EXPECT_EQ(sc.actors[rec.abandonments[0].abandoner.get()].id, "C");
  EXPECT_EQ(sc.actors[rec.abandonments[0].abandoned.get()].id, "B");
  EXPECT_NEAR(trust_b_in_c(1), after1 + 0.05 * (1 - after1), 1e-12);
  EXPECT_EQ(summary.abandonment_events, 1);
  // C sides with B through its commitment (pull 0.5 * 0.8 >= join_threshold).
  EXPECT_EQ(rec.turns[0].sides[2], Side::kDefenders);  // [actor C * 1 theater + 0]
}

// Base access: a host that supports lets a partner depart from its base,
// close to the theater; a host that abstains does not.
constexpr const char* kBase = R"(
scenario: {name: base}
run: {turns: 1, fog: 0}
actors:
  A: {model: scripted, forces: 10, home: [0, 1], global_commitments: 0, home_reserve: 0, readiness: 1,
      script: [{turn: 1, theater: X, posture: deploy, share: 1}]}
  B: {model: scripted, forces: 10, home: [0, -1], global_commitments: 0, home_reserve: 0, readiness: 1,
      script: [{turn: 1, theater: X, posture: deploy, share: 1}]}
  FAR: {model: scripted, forces: 100, home: [0, -60], global_commitments: 0, home_reserve: 0,
        readiness: 1, reach_km: 2000,
        script: [{turn: 1, theater: X, posture: deploy, share: 1}]}
  H: {model: scripted, forces: 1, home: [10, 0],
      script: [{turn: 1, theater: X, posture: HOST_POSTURE}]}
bases:
  NEAR: {location: [0, -0.5], host: H, capacity: 40}
ties:
  - {from: H, to: FAR, access: 1}
  - {from: FAR, to: B, commitment: 1}
  - {from: H, to: B, commitment: 1}
theaters:
  X: {location: [0, 0], challengers: [A], defenders: [B]}
)";

double DefendersDelivered(const std::string& host_posture) {
  std::string text = kBase;
  text.replace(text.find("HOST_POSTURE"), 12, host_posture);
  const Scenario sc = LoadTextOrDie(text);
  Simulation sim(sc, testing::BuiltinRegistry());
  MemoryRecorder rec;
  sim.Run(1, &rec);
  return rec.turns.at(0).theaters.at(0).phi_defenders;
}

TEST(Simulation, HostSupportGrantsBaseAccess) {
  const double with_access = DefendersDelivered("support");
  const double without = DefendersDelivered("abstain");
  // FAR's 100 units from 6,672 km away arrive as exp(-3.336) ≈ 3.6% from home;
  // from the base 55.6 km away, 40 units (its capacity) arrive as 97%.
  EXPECT_GT(with_access, without + 30.0);
  const double s_b = std::exp(-(6371.0 * M_PI / 180.0) / 2000.0);  // B's reach is the default 2000
  (void)s_b;
  const double far_home = std::exp(-(6371.0 * M_PI / 180.0 * 60) / 2000.0);
  const double base = std::exp(-(6371.0 * M_PI / 180.0 * 0.5) / 2000.0);
  const double b_part = 10 * std::exp(-(6371.0 * M_PI / 180.0) / 2000.0);
  EXPECT_NEAR(without, b_part + 100 * far_home, 1e-6);
  EXPECT_NEAR(with_access, b_part + 40 * base + 60 * far_home, 1e-6);
}

// Injects: a `set` changes an attribute from its turn on; `open` opens a
// theater; `cut` removes a tie.
constexpr const char* kInjects = R"(
scenario: {name: injects}
run: {turns: 4, fog: 0}
actors:
  A: {model: scripted, forces: 10, home: [0, 1], global_commitments: 0, home_reserve: 0, readiness: 1}
  B: {model: scripted, forces: 10, home: [0, -1], global_commitments: 0, home_reserve: 0, readiness: 1}
ties:
  - {between: [A, B], hostility: 0.5}
theaters:
  X: {location: [0, 0], opens: 4, challengers: [A], defenders: [B]}
injects:
  - turn: 2
    label: A is drawn away
    effects:
      - {set: actors.A.global_commitments, value: 0.5}
      - {cut: {from: A, to: B}}
  - turn: 3
    effects:
      - {open: X, escalation: 2}
)";

TEST(Simulation, InjectsApplyOnTheirTurn) {
  const Scenario sc = LoadTextOrDie(kInjects);
  Simulation sim(sc, testing::BuiltinRegistry());
  MemoryRecorder rec;
  sim.Run(1, &rec);
  ASSERT_EQ(rec.turns.size(), 4u);
  EXPECT_DOUBLE_EQ(rec.turns[0].actors[0].available, 10.0);
  EXPECT_DOUBLE_EQ(rec.turns[1].actors[0].available, 5.0);
  EXPECT_EQ(rec.turns[0].ties.size(), 2u);
  EXPECT_EQ(rec.turns[1].ties.size(), 1u);
  EXPECT_FALSE(rec.turns[1].theaters[0].adjudicated);
  EXPECT_TRUE(rec.turns[2].theaters[0].adjudicated);  // opened by the inject at turn 3
  EXPECT_EQ(rec.turns[2].theaters[0].escalation_at_start, 2);
}

// The models receive the force their run's stretch target calls for, built
// from this scenario's run settings (not the defaults): at target 0.8 and
// decisiveness 2, 40 opposing units call for 40 * sqrt(4) = 80.
TEST(Simulation, ModelsReceiveTheRunsStretchNeed) {
  const Scenario sc =
      LoadTextOrDie(kDuel, {{"run.stretch_target", "0.8"}, {"run.decisiveness", "2"}});
  Simulation sim(sc, testing::BuiltinRegistry());
  WorldState state = MakeInitialState(sc);
  MetricsAccumulator metrics(sc);
  int asked = 0;
  const DecisionOverride check = [&](const DecisionContext& ctx, DecisionOutput&) {
    EXPECT_NEAR(ctx.stretch_need(40.0), 80.0, 1e-12);
    EXPECT_EQ(ctx.stretch_need(40.0), ForceForSuccess(40.0, 0.8, 2.0));
    ++asked;
    return false;
  };
  sim.PlayTurn(state, 1, metrics, nullptr, &check);
  EXPECT_EQ(asked, 2);
}

// A run stops when every theater has ended: here the challenger wins fast.
TEST(Simulation, RunEndsWhenEveryTheaterHasEnded) {
  std::string text = kDuel;
  // Control rate 1 at crisis: one uncontested turn takes the theater.
  text.replace(text.find("  turns: 3"), 10, "  turns: 10\n  control_rate: [0, 0, 1, 1, 1, 1]");
  const Scenario sc = LoadTextOrDie(text);
  Simulation sim(sc, testing::BuiltinRegistry());
  const RunSummary s = sim.Run(1);
  EXPECT_LT(s.turns_played, 10);
  EXPECT_EQ(s.theaters_lost, 1);
  EXPECT_EQ(s.theaters[0].final_status, TheaterStatus::kWon);
}

}  // namespace
}  // namespace overstretch

namespace overstretch {
namespace {

// Richardson mobilisation (docs/model.md §3.7), on and off: with hostility h = 0.5,
// reaction 0.1 and fatigue 0.1, one step of F <- F + (K F - D F + g) with
// g = D F(0) moves each of two 10-unit rivals to 10 + 0.1 * 0.5 * 10 = 10.5.
constexpr const char* kRivals = R"(
scenario: {name: rivals}
run:
  turns: 2
  mobilisation: {enabled: ENABLED, step: 1, reaction: 0.1, fatigue: 0.1}
actors:
  A: {model: scripted, forces: 10, home: [0, 1]}
  B: {model: scripted, forces: 10, home: [0, -1]}
ties:
  - {between: [A, B], hostility: 0.5}
theaters:
  X: {location: [0, 0], opens: 2, challengers: [A], defenders: [B]}
)";

TEST(Simulation, MobilisationFollowsRichardson) {
  for (const bool enabled : {true, false}) {
    std::string text = kRivals;
    text.replace(text.find("ENABLED"), 7, enabled ? "true" : "false");
    const Scenario sc = testing::LoadTextOrDie(text);
    Simulation sim(sc, testing::BuiltinRegistry());
    testing::MemoryRecorder rec;
    sim.Run(1, &rec);
    ASSERT_GE(rec.turns.size(), 1u);
    EXPECT_NEAR(rec.turns[0].actors[0].forces, enabled ? 10.5 : 10.0, 1e-12);
    EXPECT_NEAR(rec.turns[0].actors[1].forces, enabled ? 10.5 : 10.0, 1e-12);
  }
}

}  // namespace
}  // namespace overstretch
