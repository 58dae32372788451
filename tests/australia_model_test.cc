// The `australia` model: South Pacific first (near theaters weigh more and
// keep their forces), expeditionary contributions beside the patron, support
// before forces near home. Each rule is tested on its own decision, and
// support-first also over 200 seeds of a South Pacific influence contest.
#include "actors/australia_model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include "tests/test_support.h"

namespace overstretch {
namespace {

// A (the model under test, home Canberra) with a patron P; C challenges a
// Pacific island S (Honiara, ~3,000 km from Canberra: near) and T (the Taiwan
// Strait, ~7,000 km: far). Q stands in for an influence contest that seldom
// climbs above grey zone.
constexpr const char* kPacific = R"(
scenario: {name: pacific, patron: P}
# compensation 0: each rule of the australia model on its own, without the
# generic compensation term (docs/model.md §3.5)
doctrine: {compensation: 0}
run: {turns: 12, end: {at_zero: false}}
actors:
  A: {model: australia, forces: 32, home: [-35.28, 149.13], reach_km: 4000, home_reserve: 0.3}
  C: {forces: 100, home: [39.9, 116.4], reach_km: 2500, nuclear: true}
  P: {forces: 300, home: [38.9, -77.0], global_commitments: 0.5, reach_km: 6000, nuclear: true}
  S: {forces: 1, home: [-9.43, 159.95], reach_km: 500}
  T: {forces: 17, home: [25.03, 121.56], reach_km: 1000}
ties:
  - {from: P, to: T, commitment: 0.5}
  - {from: P, to: S, commitment: 0.3}
  - {between: [P, A], commitment: 0.8}
theaters:
  SP: {location: [-9.43, 159.95], challengers: [C], defenders: [S], value: 1, stakes: {A: 0.8}}
  TS: {location: [24.5, 119.4], challengers: [C], defenders: [T], value: 1, stakes: {A: 0.8, P: 0.6}}
)";

constexpr ActorIndex kA(std::size_t{0});  // sorted ids: A, C, P, S, T
constexpr ActorIndex kPatron(std::size_t{2});
constexpr TheaterIndex kNear(std::size_t{0});  // SP
constexpr TheaterIndex kFar(std::size_t{1});   // TS

struct World {
  Scenario sc = testing::LoadTextOrDie(kPacific);
  WorldState state = MakeInitialState(sc);

  TheaterView View(TheaterIndex k, int escalation, double own, double other) const {
    return testing::MakeView({.theater = k.get(),
                              .side = Side::kDefenders,
                              .party = false,
                              .pull = 0.8,
                              .escalation = escalation,
                              .value = 1.0,
                              .own = own,
                              .other = other,
                              .delivery = 0.5});
  }
  DecisionContext Context(const std::vector<TheaterView>& views) const {
    return DecisionContext{sc,
                           state,
                           kA,
                           2,
                           sc.actors[0].doctrine,
                           32.0,
                           14.3,
                           std::span(views),
                           testing::StretchNeed(sc)};
  }
  // The options A weighed in views[a].
  std::vector<WeighedOption> Weigh(const ActorModel& model, const std::vector<TheaterView>& views,
                                   std::size_t a) const {
    return testing::WeighedOptions(model, Context(views), RandomStream(1, Purpose::kDecide, 2, 7),
                                   a);
  }
};

using testing::ProbabilityOf;

AustraliaParams With(auto change) {
  AustraliaParams p;
  change(p);
  return p;
}

// Exposes the protected hook for a direct test.
struct ExposedAustralia : AustraliaModel {
  using AustraliaModel::AustraliaModel;
  using AustraliaModel::Finish;
};

TEST(AustraliaModel, RegisteredWithDocumentedParameters) {
  const ModelInfo* info = testing::BuiltinRegistry().Find("australia");
  ASSERT_NE(info, nullptr);
  ASSERT_EQ(info->params.size(), 6u);
  EXPECT_EQ(info->params[0].name, "near_km");
  for (const ParamSpec& p : info->params) {
    EXPECT_FALSE(p.unit.empty());
    EXPECT_FALSE(p.description.empty());
    EXPECT_LE(p.min, p.default_value);
    EXPECT_GE(p.max, p.default_value);
  }
  const Scenario sc = testing::LoadTextOrDie(kPacific, {{"actors.A.params.near_km", "2500"}});
  EXPECT_DOUBLE_EQ(sc.actors[kA.get()].model_params.at("near_km"), 2500.0);
}

TEST(AustraliaModel, SouthPacificIsNearTaiwanIsFar) {
  World w;
  const AustraliaModel model{AustraliaParams{}};
  const std::vector<TheaterView> views = {w.View(kNear, 1, 0, 0), w.View(kFar, 1, 0, 0)};
  const DecisionContext ctx = w.Context(views);
  EXPECT_TRUE(model.Near(ctx, kNear));  // ~3,000 km
  EXPECT_FALSE(model.Near(ctx, kFar));  // ~7,000 km
  const AustraliaModel short_sighted{With([](AustraliaParams& p) { p.near_km = 2500; })};
  EXPECT_FALSE(short_sighted.Near(ctx, kNear));
}

TEST(AustraliaModel, NearTheatersWeighMore) {
  // The same threat, at conflict (so support-first does not apply), near
  // and far: it deploys more readily near home; without the priority, alike.
  World w;
  const std::vector<TheaterView> views = {w.View(kNear, 3, 10, 20), w.View(kFar, 3, 10, 20)};
  const AustraliaModel model{AustraliaParams{}};
  const AustraliaModel flat{With([](AustraliaParams& p) { p.near_priority = 0.0; })};
  const double near = ProbabilityOf(w.Weigh(model, views, 0), Posture::kDeploy);
  const double far = ProbabilityOf(w.Weigh(model, views, 1), Posture::kDeploy);
  std::printf("deploy near %.3f, far %.3f\n", near, far);
  EXPECT_GT(near, far + 0.1);
  EXPECT_NEAR(ProbabilityOf(w.Weigh(flat, views, 0), Posture::kDeploy),
              ProbabilityOf(w.Weigh(flat, views, 1), Posture::kDeploy), 1e-12);
}

TEST(AustraliaModel, ContributesWhereThePatronDeploys) {
  World w;
  const std::vector<TheaterView> views = {w.View(kFar, 2, 10, 20)};
  const AustraliaModel model{AustraliaParams{}};
  const auto alone = w.Weigh(model, views, 0);
  const std::size_t slot = kPatron.get() * w.sc.theater_count() + kFar.get();
  w.state.last_choice[slot] = TheaterChoice{Posture::kDeploy, 0.5, Move::kHold, 0.0};
  w.state.last_side[slot] = Side::kDefenders;
  const auto beside = w.Weigh(model, views, 0);
  ASSERT_EQ(alone.size(), beside.size());
  for (std::size_t o = 0; o < alone.size(); ++o) {
    const double bonus = alone[o].choice.posture == Posture::kDeploy ? 0.1 : 0.0;
    EXPECT_NEAR(beside[o].utility - alone[o].utility, bonus, 1e-12);
  }
  const auto odds = [](double p) { return p / (1.0 - p); };
  EXPECT_NEAR(
      odds(ProbabilityOf(beside, Posture::kDeploy)) / odds(ProbabilityOf(alone, Posture::kDeploy)),
      std::exp(12.0 * 0.1), 1e-9);
  // A patron that only supported leads no expeditionary coalition.
  w.state.last_choice[slot] = TheaterChoice{Posture::kSupport, 0.0, Move::kHold, 0.0};
  const auto supported = w.Weigh(model, views, 0);
  for (std::size_t o = 0; o < alone.size(); ++o) {
    EXPECT_DOUBLE_EQ(supported[o].utility, alone[o].utility);
  }
}

TEST(AustraliaModel, SupportIsFavouredNearHomeAtGreyZone) {
  World w;
  const AustraliaModel model{AustraliaParams{}};
  const AustraliaModel plain{With([](AustraliaParams& p) { p.support_first = 0.0; })};
  // An influence move near home (grey zone), after a turn of support (so
  // deploying is open): the support option gains support_first = 0.15.
  std::vector<TheaterView> grey = {w.View(kNear, 1, 10, 20), w.View(kFar, 1, 10, 20)};
  for (auto& v : grey) v.last = TheaterChoice{Posture::kSupport, 0.0, Move::kHold, 0.0};
  const auto with = w.Weigh(model, grey, 0);
  const auto without = w.Weigh(plain, grey, 0);
  ASSERT_EQ(with.size(), without.size());
  for (std::size_t o = 0; o < with.size(); ++o) {
    const double bonus = with[o].choice.posture == Posture::kSupport ? 0.15 : 0.0;
    EXPECT_NEAR(with[o].utility - without[o].utility, bonus, 1e-12);
  }
  std::printf("near grey zone: support %.3f deploy %.3f (without the bonus %.3f, %.3f)\n",
              ProbabilityOf(with, Posture::kSupport), ProbabilityOf(with, Posture::kDeploy),
              ProbabilityOf(without, Posture::kSupport), ProbabilityOf(without, Posture::kDeploy));
  EXPECT_GT(ProbabilityOf(with, Posture::kSupport), ProbabilityOf(with, Posture::kDeploy));
  EXPECT_LT(ProbabilityOf(without, Posture::kSupport), ProbabilityOf(without, Posture::kDeploy));
  // Not far from home, and not once the crisis is military.
  const auto far_with = w.Weigh(model, grey, 1);
  const auto far_without = w.Weigh(plain, grey, 1);
  for (std::size_t o = 0; o < far_with.size(); ++o) {
    EXPECT_DOUBLE_EQ(far_with[o].utility, far_without[o].utility);
  }
  const std::vector<TheaterView> crisis = {w.View(kNear, 2, 10, 20)};
  const auto c_with = w.Weigh(model, crisis, 0);
  const auto c_without = w.Weigh(plain, crisis, 0);
  ASSERT_EQ(c_with.size(), c_without.size());
  for (std::size_t o = 0; o < c_with.size(); ++o) {
    EXPECT_DOUBLE_EQ(c_with[o].utility, c_without[o].utility);
  }
}

TEST(AustraliaModel, SupportsBeforeItDeploysNearHome) {
  World w;
  const AustraliaModel model{AustraliaParams{}};
  const AustraliaModel unordered{With([](AustraliaParams& p) { p.support_before_deploy = 0.0; })};
  const auto can_deploy = [&](const AustraliaModel& m, TheaterIndex k, int escalation,
                              Posture last) {
    std::vector<TheaterView> views = {w.View(k, escalation, 10, 20)};
    views[0].last = TheaterChoice{last, last == Posture::kDeploy ? 0.2 : 0.0, Move::kHold, 0.0};
    return ProbabilityOf(w.Weigh(m, views, 0), Posture::kDeploy) > 0.0;
  };
  // Near home at grey zone, from abstention: no forces yet.
  EXPECT_FALSE(can_deploy(model, kNear, 1, Posture::kAbstain));
  // After a turn of support, or of deployment, forces may follow.
  EXPECT_TRUE(can_deploy(model, kNear, 1, Posture::kSupport));
  EXPECT_TRUE(can_deploy(model, kNear, 1, Posture::kDeploy));
  // Far from home, in a military crisis, or without the rule: no ordering.
  EXPECT_TRUE(can_deploy(model, kFar, 1, Posture::kAbstain));
  EXPECT_TRUE(can_deploy(model, kNear, 2, Posture::kAbstain));
  EXPECT_TRUE(can_deploy(unordered, kNear, 1, Posture::kAbstain));
}

TEST(AustraliaModel, FarTheatersGiveWayFirst) {
  World w;
  const ExposedAustralia model{AustraliaParams{}};
  const std::vector<TheaterView> views = {w.View(kNear, 3, 10, 20), w.View(kFar, 3, 10, 20)};
  std::vector<TheaterChoice> choices = {{Posture::kDeploy, 0.5, Move::kHold, 0.0},
                                        {Posture::kDeploy, 1.0, Move::kHold, 0.0}};
  model.Finish(w.Context(views), std::span(choices));
  EXPECT_DOUBLE_EQ(choices[0].share, 0.5);  // near keeps its share
  EXPECT_DOUBLE_EQ(choices[1].share, 0.5);  // far gets what is left
  // Nothing left: the far theater keeps support (access, intelligence).
  choices = {{Posture::kDeploy, 1.0, Move::kHold, 0.0}, {Posture::kDeploy, 0.2, Move::kHold, 0.0}};
  model.Finish(w.Context(views), std::span(choices));
  EXPECT_DOUBLE_EQ(choices[0].share, 1.0);
  EXPECT_EQ(choices[1].posture, Posture::kSupport);
  EXPECT_EQ(choices[1].share, 0.0);
  // Within its available force nothing changes.
  choices = {{Posture::kDeploy, 0.5, Move::kHold, 0.0}, {Posture::kDeploy, 0.5, Move::kHold, 0.0}};
  model.Finish(w.Context(views), std::span(choices));
  EXPECT_DOUBLE_EQ(choices[1].share, 0.5);
}

// A South Pacific influence contest: Q presses a Pacific island, and
// seldom climbs above grey zone.
constexpr const char* kInfluence = R"(
scenario: {name: south_pacific, patron: P}
run: {turns: 12, end: {at_zero: false}}
actors:
  A: {model: australia, forces: 32, home: [-35.28, 149.13], reach_km: 4000, home_reserve: 0.3}
  P: {forces: 300, home: [38.9, -77.0], global_commitments: 0.5, reach_km: 6000, nuclear: true}
  Q: {forces: 60, home: [39.9, 116.4], reach_km: 2500, doctrine: {escalation: 1}}
  S: {forces: 1, home: [-9.43, 159.95], reach_km: 500}
ties:
  - {from: P, to: S, commitment: 0.3}
  - {between: [P, A], commitment: 0.8}
theaters:
  SP: {location: [-9.43, 159.95], challengers: [Q], defenders: [S], value: 1, stakes: {A: 0.8}}
)";

struct PostureShares {
  double support = 0.0;  // of A's decisions at escalation <= 1
  double deploy = 0.0;
  double support_first = 0.0;   // runs whose first backing posture is support
  double crisis_support = 0.0;  // support share of decisions at escalation >= 2
};

PostureShares Postures(std::vector<Override> overrides) {
  const Scenario sc = testing::LoadTextOrDie(kInfluence, overrides);
  Simulation sim(sc, testing::BuiltinRegistry());
  const std::size_t t = sc.theater_count();
  int support = 0, deploy = 0, low = 0, first_support = 0, runs = 0, crisis = 0, crisis_sup = 0;
  constexpr int kSeeds = 200;
  for (int seed = 1; seed <= kSeeds; ++seed) {
    testing::MemoryRecorder rec;
    sim.Run(static_cast<std::uint64_t>(seed), &rec);
    bool first_seen = false;
    for (const auto& turn : rec.turns) {
      const Posture p = turn.choices[kA.get() * t + 0].posture;
      if (!turn.theaters[0].adjudicated) continue;
      if (turn.theaters[0].escalation_at_start <= 1) {
        ++low;
        support += p == Posture::kSupport ? 1 : 0;
        deploy += p == Posture::kDeploy ? 1 : 0;
      } else {
        ++crisis;
        crisis_sup += p == Posture::kSupport ? 1 : 0;
      }
      if (!first_seen && p != Posture::kAbstain) {
        first_seen = true;
        ++runs;
        first_support += p == Posture::kSupport ? 1 : 0;
      }
    }
  }
  return PostureShares{static_cast<double>(support) / std::max(low, 1),
                       static_cast<double>(deploy) / std::max(low, 1),
                       static_cast<double>(first_support) / std::max(runs, 1),
                       static_cast<double>(crisis_sup) / std::max(crisis, 1)};
}

TEST(AustraliaModel, InfluenceContestAnsweredBySupportFirst) {
  const PostureShares with = Postures({});
  const PostureShares without = Postures(
      {{"actors.A.params.support_first", "0"}, {"actors.A.params.support_before_deploy", "0"}});
  std::printf(
      "grey zone: support %.3f deploy %.3f, first backing is support in %.3f of runs; "
      "without the rule: %.3f %.3f %.3f\n",
      with.support, with.deploy, with.support_first, without.support, without.deploy,
      without.support_first);
  // Near home at grey zone it supports more often than it deploys, and opens
  // with support in most runs; without the rule it deploys more often than it
  // supports. Margins 0.1 and 0.2.
  EXPECT_GT(with.support, with.deploy + 0.1);
  EXPECT_GT(with.support, without.support + 0.2);
  EXPECT_GT(with.support_first, without.support_first + 0.2);
  EXPECT_GT(without.deploy, without.support);
}

}  // namespace
}  // namespace overstretch
