// The `dprk` model: provocation cycles, no defusing during a cycle unless
// hopeless, opportunism against a stretched patron, resolve from backers and
// nuclear coercion. Each rule is tested on its own decision (utilities and
// probabilities from the model's log), and the cycle also in sparse_us.
#include "actors/dprk_model.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "actors/patron_stretch.h"
#include "engine/contest.h"
#include "tests/test_support.h"

namespace overstretch {
namespace {

// N (the model under test) challenges R, to which the patron P is committed.
constexpr const char* kDprkWorld = R"(
scenario: {name: dprk_world, patron: P}
actors:
  N: {model: dprk, forces: 10, home: [0, 1], nuclear: true, doctrine: {escalation: 1.7}}
  P: {forces: 100, home: [10, 150], global_commitments: 0.5, nuclear: true}
  R: {forces: 50, home: [0, -1]}
ties:
  - {from: P, to: R, commitment: 1}
theaters:
  X: {location: [0, 0], challengers: [N], defenders: [R], value: 2}
)";

constexpr ActorIndex kN(std::size_t{0});  // sorted ids: N, P, R
constexpr ActorIndex kP(std::size_t{1});

struct World {
  Scenario sc = testing::LoadTextOrDie(kDprkWorld);
  WorldState state = [this] {
    WorldState s = MakeInitialState(sc);
    s.theaters[0].status = TheaterStatus::kActive;
    s.theaters[0].opened = 1;
    return s;
  }();

  TheaterView View(int escalation, double own, double other) const {
    return testing::MakeView(
        {.escalation = escalation, .own = own, .other = other, .other_side_nuclear = true});
  }
  // The options N weighed at `turn`, with utilities and probabilities.
  std::vector<WeighedOption> Weigh(const ActorModel& model, const TheaterView& view,
                                   Turn turn) const {
    const std::vector<TheaterView> views = {view};
    DecisionContext ctx{sc,
                        state,
                        kN,
                        turn,
                        sc.actors[0].doctrine,
                        10.0,
                        6.4,
                        std::span(views),
                        testing::StretchNeed(sc)};
    return testing::WeighedOptions(model, ctx, RandomStream(1, Purpose::kDecide, turn, 7));
  }
};

using testing::ProbabilityOf;

DprkParams With(auto change) {
  DprkParams p;
  change(p);
  return p;
}

TEST(DprkModel, RegisteredWithDocumentedParameters) {
  const ModelInfo* info = testing::BuiltinRegistry().Find("dprk");
  ASSERT_NE(info, nullptr);
  const char* names[] = {"cycle_period", "opportunism",      "backing_resolve",
                         "cycle_bonus",  "nuclear_coercion", "hopeless_p"};
  ASSERT_EQ(info->params.size(), 6u);
  for (const char* name : names) {
    bool found = false;
    for (const ParamSpec& p : info->params) found = found || p.name == name;
    EXPECT_TRUE(found) << name;
  }
  for (const ParamSpec& p : info->params) {
    EXPECT_FALSE(p.unit.empty());
    EXPECT_FALSE(p.description.empty());
    EXPECT_LE(p.min, p.default_value);
    EXPECT_GE(p.max, p.default_value);
  }
  const Scenario sc = testing::LoadTextOrDie(kDprkWorld, {{"actors.N.params.cycle_period", "6"}});
  EXPECT_DOUBLE_EQ(sc.actors[kN.get()].model_params.at("cycle_period"), 6.0);
}

TEST(DprkModel, ProvocationPhaseIsTheFirstHalfOfEachCycle) {
  // Opened at turn 3, period 4: provocation at 3, 4, 7, 8; calm at 5, 6, 9.
  for (Turn t : {3, 4, 7, 8, 11}) EXPECT_TRUE(ProvocationPhase(t, 3, 4)) << t;
  for (Turn t : {5, 6, 9, 10}) EXPECT_FALSE(ProvocationPhase(t, 3, 4)) << t;
  // An odd period gives the provocation half the extra turn.
  EXPECT_TRUE(ProvocationPhase(3, 1, 5));
  EXPECT_FALSE(ProvocationPhase(4, 1, 5));
}

TEST(DprkModel, CycleAimsAtCrisisThenGreyZone) {
  World w;
  const DprkModel model{DprkParams{}};
  const DprkModel flat{With([](DprkParams& p) { p.cycle_bonus = 0.0; })};
  // A weak challenger (own 5 against 25, p = 0.17): the doctrine alone sees
  // nothing to gain at crisis.
  const TheaterView grey = w.View(1, 5, 25);
  const TheaterView crisis = w.View(2, 5, 25);
  // Provocation half (turn 1 of a theater opened at 1): from grey zone it
  // escalates to crisis, and at crisis it holds.
  const double up_with = ProbabilityOf(w.Weigh(model, grey, 1), Move::kEscalate);
  const double up_without = ProbabilityOf(w.Weigh(flat, grey, 1), Move::kEscalate);
  const double stay_with = ProbabilityOf(w.Weigh(model, crisis, 2), Move::kHold);
  const double stay_without = ProbabilityOf(w.Weigh(flat, crisis, 2), Move::kHold);
  // Calm half (turn 3): from crisis back to grey zone, and at grey zone it holds.
  const double down_with = ProbabilityOf(w.Weigh(model, crisis, 3), Move::kDeescalate);
  const double calm_up = ProbabilityOf(w.Weigh(model, grey, 3), Move::kEscalate);
  std::printf(
      "escalate from 1: %.3f (no cycle %.3f); hold at 2: %.3f (%.3f); "
      "de-escalate from 2 in calm: %.3f; escalate from 1 in calm: %.3f\n",
      up_with, up_without, stay_with, stay_without, down_with, calm_up);
  EXPECT_GT(up_with, 0.8);
  EXPECT_LT(up_without, 0.2);
  EXPECT_GT(stay_with, 0.8);
  EXPECT_LT(stay_without, 0.2);
  EXPECT_GT(down_with, 0.8);
  EXPECT_LT(calm_up, 0.2);
  // The bonus is exactly cycle_bonus on the options that land on the target.
  const auto a = w.Weigh(model, grey, 1);
  const auto b = w.Weigh(flat, grey, 1);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t o = 0; o < a.size(); ++o) {
    const double bonus = a[o].choice.move == Move::kEscalate ? 0.6 : 0.0;
    EXPECT_NEAR(a[o].utility - b[o].utility, bonus, 1e-12);
  }
}

TEST(DprkModel, DefusesOnlyWhenHopeless) {
  World w;
  const DprkModel model{DprkParams{}};
  const auto has_deescalate = [](const std::vector<WeighedOption>& options) {
    for (const auto& o : options) {
      if (o.choice.move == Move::kDeescalate) return true;
    }
    return false;
  };
  // p = 5 / 30 = 0.17: the cycle goes on, no option leads to 0.
  EXPECT_FALSE(has_deescalate(w.Weigh(model, w.View(1, 5, 25), 3)));
  // p = 1 / 101 < hopeless_p = 0.05: it may defuse.
  EXPECT_TRUE(has_deescalate(w.Weigh(model, w.View(1, 1, 100), 3)));
  // From crisis it may always step down (to grey zone).
  EXPECT_TRUE(has_deescalate(w.Weigh(model, w.View(2, 5, 25), 3)));
  // The generic model would defuse from the same position.
  const auto generic = w.Weigh(DoctrineModel{}, w.View(1, 5, 25), 3);
  EXPECT_GT(ProbabilityOf(generic, Move::kDeescalate), 0.5);
}

TEST(DprkModel, EscalatesMoreAgainstAStretchedPatron) {
  World w;
  const DprkModel model{DprkParams{}};
  const TheaterView v = w.View(2, 5, 25);
  const std::vector<TheaterView> views = {v};
  double p[2], s[2];
  const double g[2] = {0.1, 0.9};
  for (int i = 0; i < 2; ++i) {
    w.state.actors[kP.get()].attrs.global_commitments = g[i];
    const DecisionContext ctx{w.sc,
                              w.state,
                              kN,
                              2,
                              w.sc.actors[0].doctrine,
                              10,
                              6.4,
                              std::span(views),
                              testing::StretchNeed(w.sc)};
    s[i] = PerceivedPatronStretch(ctx).stretch;
    p[i] = ProbabilityOf(w.Weigh(model, v, 2), Move::kEscalate);
  }
  const auto odds = [](double x) { return x / (1.0 - x); };
  EXPECT_GT(s[1], s[0]);
  EXPECT_NEAR(odds(p[1]) / odds(p[0]), std::exp(12.0 * 0.2 * (s[1] - s[0])), 1e-9);
  EXPECT_GT(p[1], p[0]);
}

TEST(DprkModel, BackersRaiseResolve) {
  World w;
  const DprkModel model{DprkParams{}};
  TheaterView alone = w.View(2, 5, 25);
  TheaterView backed = alone;
  backed.own_side_backers = 2;
  const auto a = w.Weigh(model, alone, 2);
  const auto b = w.Weigh(model, backed, 2);
  // b = 0.3 x 2 = 0.6: the escalation cost of the rung reached weighs
  // 1 / 1.6 of the doctrine's, so each option gains 1.7 x cost[l] x 0.6 / 1.6.
  const EscalationTable& cost = w.sc.run.escalation_cost;
  for (std::size_t o = 0; o < a.size(); ++o) {
    const int level = 2 + static_cast<int>(a[o].choice.move);
    EXPECT_NEAR(b[o].utility - a[o].utility, 1.7 * cost[level] * 0.6 / 1.6, 1e-12);
  }
  EXPECT_GT(ProbabilityOf(b, Move::kEscalate), ProbabilityOf(a, Move::kEscalate));
  // Without the rule the backers change nothing.
  const DprkModel aloof{With([](DprkParams& p) { p.backing_resolve = 0.0; })};
  const auto c = w.Weigh(aloof, alone, 2);
  const auto d = w.Weigh(aloof, backed, 2);
  for (std::size_t o = 0; o < c.size(); ++o) EXPECT_DOUBLE_EQ(c[o].utility, d[o].utility);
}

TEST(DprkModel, NuclearCoercionWhenConventionallyDominated) {
  World w;
  const DprkModel model{DprkParams{}};
  const DprkModel plain{With([](DprkParams& p) { p.nuclear_coercion = 0.0; })};
  // At major conflict, dominated 5 against 50: D = 1 - 2 x 5/55.
  const TheaterView lost = w.View(4, 5, 50);
  const auto a = w.Weigh(model, lost, 2);
  const auto b = w.Weigh(plain, lost, 2);
  const EscalationTable& cost = w.sc.run.escalation_cost;
  const double dominance = 1.0 - 2.0 * ContestSuccess(5, 50, 1.0);
  const double extra = 1.7 * (cost[5] - cost[4]) + 1.0;  // escalation weight, nuclear weight 1
  for (std::size_t o = 0; o < a.size(); ++o) {
    const double bonus = a[o].choice.move == Move::kEscalate ? 0.5 * dominance * extra : 0.0;
    EXPECT_NEAR(a[o].utility - b[o].utility, bonus, 1e-12);
  }
  EXPECT_GT(ProbabilityOf(a, Move::kEscalate), ProbabilityOf(b, Move::kEscalate));
  // When its own side dominates, the threat adds nothing.
  const TheaterView winning = w.View(4, 50, 5);
  const auto c = w.Weigh(model, winning, 2);
  const auto d = w.Weigh(plain, winning, 2);
  for (std::size_t o = 0; o < c.size(); ++o) EXPECT_DOUBLE_EQ(c[o].utility, d[o].utility);
  // Below major conflict the top of the ladder is out of reach of the rule.
  const auto e = w.Weigh(model, w.View(3, 5, 50), 2);
  const auto f = w.Weigh(plain, w.View(3, 5, 50), 2);
  for (std::size_t o = 0; o < e.size(); ++o) EXPECT_DOUBLE_EQ(e[o].utility, f[o].utility);
}

// Over seeds 1..200 of sparse_us with the DPRK on the `dprk` model: the
// share of (run, turn) pairs among the first 12 turns, while the Korean
// theater is active at grey zone or crisis, in which the escalation after the
// turn is the rung of the cycle's phase (2 in the provocation half, 1 in the
// calm half), read with period 4 and with period 6; and the share of runs
// still active at turn 12.
struct CycleStats {
  double phase_match_4 = 0.0;
  double phase_match_6 = 0.0;
  double alive_at_12 = 0.0;
};

CycleStats Cycle(std::vector<Override> overrides) {
  overrides.push_back({"actors.DPRK.model", "dprk"});
  const Scenario sc = testing::LoadOrDie(testing::RepoPath("scenarios/sparse_us.yaml"), overrides);
  std::size_t kor = 0;
  while (kor < sc.theaters.size() && sc.theaters[kor].id != "KOR") ++kor;
  EXPECT_LT(kor, sc.theaters.size());
  const Turn opened = sc.theaters[kor].opens;
  Simulation sim(sc, testing::BuiltinRegistry());
  int match4 = 0, match6 = 0, counted = 0, alive = 0;
  constexpr int kSeeds = 200;
  for (int seed = 1; seed <= kSeeds; ++seed) {
    testing::MemoryRecorder rec;
    sim.Run(static_cast<std::uint64_t>(seed), &rec);
    for (const auto& turn : rec.turns) {
      if (turn.turn > 12) break;
      const TheaterTurn& t = turn.theaters[kor];
      if (turn.turn == 12 && t.status == TheaterStatus::kActive) ++alive;
      if (!t.adjudicated || t.escalation < 1 || t.escalation > 2) continue;
      match4 += t.escalation == (ProvocationPhase(turn.turn, opened, 4) ? 2 : 1) ? 1 : 0;
      match6 += t.escalation == (ProvocationPhase(turn.turn, opened, 6) ? 2 : 1) ? 1 : 0;
      ++counted;
    }
  }
  const double n = std::max(counted, 1);
  return CycleStats{match4 / n, match6 / n, static_cast<double>(alive) / kSeeds};
}

TEST(DprkModel, SparseUsProvocationsCycle) {
  const CycleStats four = Cycle({});
  const CycleStats six = Cycle({{"actors.DPRK.params.cycle_period", "6"}});
  const CycleStats flat = Cycle({{"actors.DPRK.params.cycle_bonus", "0"}});
  std::printf(
      "phase match, period 4 run: %.3f (read as 6: %.3f); period 6 run: %.3f (read as "
      "4: %.3f); no bonus: %.3f\n",
      four.phase_match_4, four.phase_match_6, six.phase_match_6, six.phase_match_4,
      flat.phase_match_4);
  // The escalation follows the cycle's phase in at least 80% of turns; read
  // with the wrong period, or without the bonus, in at most 65%.
  EXPECT_GT(four.phase_match_4, 0.8);
  EXPECT_GT(six.phase_match_6, 0.8);
  EXPECT_LT(four.phase_match_6, 0.65);
  EXPECT_LT(six.phase_match_4, 0.65);
  EXPECT_LT(flat.phase_match_4, 0.65);
}

TEST(DprkModel, SparseUsNoDefusingDuringACycle) {
  // Without the cycle bonus (which alone keeps it at grey zone in the calm
  // half), compare the rule against hopeless_p 0.5, which lets it defuse
  // whenever the balance is against it, as the generic model does.
  const CycleStats kept = Cycle({{"actors.DPRK.params.cycle_bonus", "0"}});
  const CycleStats free =
      Cycle({{"actors.DPRK.params.cycle_bonus", "0"}, {"actors.DPRK.params.hopeless_p", "0.5"}});
  const CycleStats cycle = Cycle({});
  std::printf("active at turn 12: cycle %.3f; no bonus %.3f; no bonus, may defuse %.3f\n",
              cycle.alive_at_12, kept.alive_at_12, free.alive_at_12);
  EXPECT_GT(cycle.alive_at_12, 0.8);
  EXPECT_GT(kept.alive_at_12, free.alive_at_12 + 0.2);
}

}  // namespace
}  // namespace overstretch
