// The `japan` model: combat deployment only when attacked, in a
// survival-threatening situation or beside an engaged patron; base access
// subject to prior consultation (docs/model.md §3.5).
#include "actors/japan_model.h"

#include <gtest/gtest.h>

#include <array>

#include "tests/test_support.h"

namespace overstretch {
namespace {

using testing::LoadTextOrDie;

// J (Japan-like) has stake 0.5 in X, below the survival threshold 0.6; P is
// the patron, committed to the defender D.
constexpr const char* kJapan = R"(
scenario: {name: japan, patron: P}
actors:
  C: {forces: 100, home: [0, 3]}
  D: {forces: 10, home: [0, -3]}
  J: {model: japan, forces: 50, home: [1, 0]}
  P: {forces: 100, home: [0, -1]}
ties:
  - {from: J, to: P, commitment: 0.4, access: 1.0}
  - {from: P, to: J, commitment: 1.0}
  - {from: P, to: D, commitment: 1.0}
theaters:
  X: {location: [0, 1], challengers: [C], defenders: [D], value: 2, stakes: {J: 0.5}}
)";

struct Fixture {
  Scenario sc;
  WorldState state;
  Doctrine doctrine;
  const ActorIndex japan{2};
  const ActorIndex patron{3};
  TheaterView view;

  explicit Fixture(std::vector<Override> overrides = {})
      : sc(LoadTextOrDie(kJapan, std::move(overrides))), state(MakeInitialState(sc)) {
    doctrine = sc.actors[japan.get()].doctrine;
    doctrine.security = 20.0;  // deploying is clearly worth it, by doctrine
    view = testing::MakeView({.side = Side::kDefenders,
                              .party = false,
                              .pull = 0.5,
                              .escalation = 2,
                              .own = 20.0,
                              .other = 30.0});
    view.credibility_at_stake = 0.3;  // abstaining would cost it with its allies
  }
  void PatronLastTurn(Posture posture) {
    const std::size_t slot = patron.get() * sc.theater_count();
    state.last_side[slot] = Side::kDefenders;
    state.last_choice[slot] = TheaterChoice{posture, posture == Posture::kDeploy ? 0.5 : 0.0};
  }
  TheaterChoice Decide(const std::string& model, std::uint64_t seed = 1) const {
    const auto instance = testing::BuiltinRegistry().Find(model)->make(sc, japan);
    DecisionContext ctx{
        sc, state, japan, 2, doctrine, 50.0, 30.0, std::span(&view, 1), testing::StretchNeed(sc)};
    TheaterChoice out;
    DecisionOutput output{std::span(&out, 1), nullptr};
    RandomStream rng(seed, Purpose::kDecide, 2, 11);
    instance->Decide(ctx, rng, output);
    return out;
  }
  // Share of 500 logit draws that deploy.
  double DeployRate(const std::string& model) const {
    int deploys = 0;
    for (std::uint64_t s = 1; s <= 500; ++s)
      deploys += Decide(model, s).posture == Posture::kDeploy;
    return deploys / 500.0;
  }
};

TEST(JapanModel, SupportsOnlyWhereNeitherSurvivalNorAnEngagedPatronIsAtStake) {
  Fixture f;
  // By doctrine it deploys nearly always; the law forbids it here.
  EXPECT_GT(f.DeployRate("doctrine"), 0.9);
  EXPECT_EQ(f.DeployRate("japan"), 0.0);
  f.doctrine.argmax = true;
  EXPECT_EQ(f.Decide("japan").posture, Posture::kSupport);
  // A patron that only supported is not engaged.
  f.PatronLastTurn(Posture::kSupport);
  EXPECT_EQ(f.Decide("japan").posture, Posture::kSupport);
}

TEST(JapanModel, DeploysBesideAnEngagedPatronOrWhenItsSurvivalIsAtStake) {
  {
    Fixture f;  // collective self-defence: the patron deployed there last turn
    f.PatronLastTurn(Posture::kDeploy);
    EXPECT_GT(f.DeployRate("japan"), 0.9);
  }
  {
    Fixture f;  // a survival-threatening situation: stake at the threshold
    f.state.theaters[0].attrs.stakes[f.japan.get()] = 0.6;
    EXPECT_GT(f.DeployRate("japan"), 0.9);
  }
  {
    Fixture f;  // an armed attack on itself: a listed party
    f.view.party = true;
    EXPECT_GT(f.DeployRate("japan"), 0.9);
  }
  {
    Fixture f(
        std::vector<Override>{{"actors.J.params.survival_threshold", "0.5"}});  // moves the line
    EXPECT_GT(f.DeployRate("japan"), 0.9);
  }
}

TEST(JapanModel, PriorConsultationWithholdsBasesForCombatInLowStakeTheaters) {
  Fixture f;
  f.doctrine.argmax = true;
  f.state.theaters[0].attrs.stakes[f.japan.get()] = 0.2;  // below access_threshold 0.3
  f.view.pull = 0.2;
  f.view.escalation = 2;  // no combat operations yet: routine access
  EXPECT_TRUE(f.Decide("japan").grant_access);
  f.view.escalation = 3;  // combat operations from its bases need consent
  const TheaterChoice withheld = f.Decide("japan");
  EXPECT_NE(withheld.posture, Posture::kAbstain);  // it still stands on the side...
  EXPECT_FALSE(withheld.grant_access);             // ...with its bases closed
  EXPECT_TRUE(f.Decide("doctrine").grant_access);  // the generic model never withholds
  f.PatronLastTurn(Posture::kDeploy);              // an engaged patron does not change the answer
  EXPECT_FALSE(f.Decide("japan").grant_access);
  f.state.theaters[0].attrs.stakes[f.japan.get()] = 0.3;  // at the threshold: consent
  EXPECT_TRUE(f.Decide("japan").grant_access);
  f.state.theaters[0].attrs.stakes[f.japan.get()] = 0.2;
  f.view.party = true;  // attacked itself (Article V): no consultation
  EXPECT_TRUE(f.Decide("japan").grant_access);
}

// Japan's deployments in sparse_us over 200 seeds, split by whether the US
// had deployed in that theater the turn before. JPN's stakes (0.5) are below
// the survival threshold and it is no party: it may fight only beside the US.
struct JapanDeploys {
  int without_us = 0;
  int beside_us = 0;
};

JapanDeploys CountJapanDeploys(const std::string& model) {
  const Scenario sc = testing::LoadOrDie(testing::RepoPath("scenarios/sparse_us.yaml"),
                                         {{"actors.JPN.model", model}});
  struct Rec : Recorder {
    std::size_t t = 0, jpn = 0, us = 0;
    std::vector<TheaterChoice> previous;
    JapanDeploys count;
    void OnTurn(const TurnRecord& r) override {
      if (r.turn == 1) previous.assign(r.choices.size(), TheaterChoice{});
      for (std::size_t k = 0; k < t; ++k) {
        if (r.choices[jpn * t + k].posture != Posture::kDeploy) continue;
        const bool engaged = previous[us * t + k].posture == Posture::kDeploy;
        ++(engaged ? count.beside_us : count.without_us);
      }
      previous.assign(r.choices.begin(), r.choices.end());
    }
  } rec;
  rec.t = sc.theaters.size();
  rec.jpn = testing::ActorNamed(sc, "JPN");
  rec.us = testing::ActorNamed(sc, "US");
  Simulation sim(sc, testing::BuiltinRegistry());
  for (std::uint64_t seed = 1; seed <= 200; ++seed) sim.Run(seed, &rec);
  return rec.count;
}

TEST(JapanModel, InSparseUsItFightsOnlyBesideAnEngagedUs) {
  const JapanDeploys doctrine = CountJapanDeploys("doctrine");
  const JapanDeploys japan = CountJapanDeploys("japan");
  // Measured: the doctrine model deploys 119 times without an engaged US
  // (mostly on the first turn of a theater, and after US abstentions) and
  // 131 times beside it; the japan model never deploys without it, but still
  // fights beside the US (141 times).
  EXPECT_GT(doctrine.without_us, 60);
  EXPECT_EQ(japan.without_us, 0);
  EXPECT_GT(japan.beside_us, 70);
}

// Withholding Japanese base access lowers the defenders' delivered force in
// the Korean theater. korea_only (sparse_us's actors, bases and ties, the
// Korean theater alone) with the theater opening at limited conflict (combat
// operations from the start) and Japan's stake there lowered to 0.2, below
// access_threshold: prior consultation closes Okinawa. The same run with
// access_threshold 0 (consent always) differs in nothing else on turn 1
// (access enters no decision, only delivery), so the comparison is paired by
// seed. (In sparse_us the one transport problem of the turn may route US
// forces for Taiwan through Osan once Okinawa serves Korea, so Korea's own
// delivered force is not monotone in Okinawa's access there; a single
// theater isolates the rule.)
TEST(JapanModel, WithheldAccessLowersDefendersDeliveredForceInKorea) {
  const auto turn_one_phi = [](const std::string& threshold) {
    const Scenario sc = testing::LoadOrDie(testing::RepoPath("scenarios/korea_only.yaml"),
                                           {{"actors.JPN.model", "japan"},
                                            {"theaters.KOR.escalation", "3"},
                                            {"theaters.KOR.stakes.JPN", "0.2"},
                                            {"actors.JPN.params.access_threshold", threshold}});
    const std::size_t kor = testing::TheaterNamed(sc, "KOR");
    struct Rec : Recorder {
      std::size_t k = 0;
      double phi = 0.0;
      void OnTurn(const TurnRecord& r) override {
        if (r.turn == 1) phi = r.theaters[k].phi_defenders;
      }
    } rec;
    rec.k = kor;
    Simulation sim(sc, testing::BuiltinRegistry());
    std::vector<double> phi;
    for (std::uint64_t seed = 1; seed <= 200; ++seed) {
      sim.Run(seed, &rec);
      phi.push_back(rec.phi);
    }
    return phi;
  };
  const std::vector<double> closed = turn_one_phi("0.3");  // the default threshold
  const std::vector<double> open = turn_one_phi("0");
  double sum_closed = 0.0, sum_open = 0.0;
  int lower = 0;
  for (std::size_t s = 0; s < closed.size(); ++s) {
    EXPECT_LE(closed[s], open[s] + 1e-9) << "seed " << s + 1;  // never more with bases closed
    lower += closed[s] < open[s] - 1e-9;
    sum_closed += closed[s];
    sum_open += open[s];
  }
  // Measured: lower in 79 of 200 seeds (those in which Japan backs the
  // defenders on turn 1; otherwise its bases are closed either way), by 2.67
  // units on average over all 200 (60.77 against 63.44); the paired
  // differences have a standard deviation of 6.5, a standard error of 0.46.
  // The margin, 1.5, is 2.5 standard errors below the measured mean.
  EXPECT_GT(lower, 50);
  EXPECT_LT(sum_closed / 200.0, sum_open / 200.0 - 1.5);
}

}  // namespace
}  // namespace overstretch
