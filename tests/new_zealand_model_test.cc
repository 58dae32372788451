// The `new_zealand` model: support before deployment, withdrawal at the
// nuclear threshold, and its closest partner (docs/model.md §3.5).
#include "actors/new_zealand_model.h"

#include <gtest/gtest.h>

#include "tests/test_support.h"

namespace overstretch {
namespace {

using testing::LoadTextOrDie;

// N (New Zealand-like, small) has a stake in X; A is its closest partner
// (commitment 0.9 against 0.1 to P). The challenger is nuclear.
constexpr const char* kNz = R"(
scenario: {name: nz, patron: P}
actors:
  A: {forces: 30, home: [1, -1]}
  C: {forces: 100, home: [0, 3], nuclear: true}
  D: {forces: 10, home: [0, -3]}
  N: {model: new_zealand, forces: 3, home: [-2, 0]}
  P: {forces: 100, home: [0, -5]}
ties:
  - {between: [N, A], commitment: 0.9}
  - {from: N, to: P, commitment: 0.1}
theaters:
  X: {location: [0, 1], challengers: [C], defenders: [D], value: 2, stakes: {N: 0.3}}
)";

struct Fixture {
  Scenario sc = LoadTextOrDie(kNz);
  WorldState state = MakeInitialState(sc);
  Doctrine doctrine = sc.actors[3].doctrine;
  const ActorIndex nz{3};
  const ActorIndex partner{0};
  TheaterView view = testing::MakeView({.side = Side::kDefenders,
                                        .party = false,
                                        .pull = 0.3,
                                        .escalation = 2,
                                        .own = 10.0,
                                        .other = 12.0,
                                        .delivery = 0.8});

  void PartnerLastTurn(Side side, Posture posture) {
    const std::size_t slot = partner.get() * sc.theater_count();
    state.last_side[slot] = side;
    state.last_choice[slot] = TheaterChoice{posture, posture == Posture::kDeploy ? 0.5 : 0.0};
  }
  // The options it weighed, with utilities and probabilities.
  std::vector<WeighedOption> Weigh(const std::string& model) const {
    const auto instance = testing::BuiltinRegistry().Find(model)->make(sc, nz);
    DecisionContext ctx{
        sc, state, nz, 2, doctrine, 3.0, 1.5, std::span(&view, 1), testing::StretchNeed(sc)};
    return testing::WeighedOptions(*instance, ctx, RandomStream(1, Purpose::kDecide, 2, 3));
  }
  static double Probability(const std::vector<WeighedOption>& options, Posture posture) {
    return testing::ProbabilityOf(options, posture);
  }
  static double Utility(const std::vector<WeighedOption>& options, Posture posture,
                        double share = 0.0) {
    for (const auto& o : options) {
      if (o.choice.posture == posture && o.choice.share == share) return o.utility;
    }
    ADD_FAILURE() << "no such option";
    return 0.0;
  }
};

TEST(NewZealandModel, WithdrawsAtTheNuclearThreshold) {
  Fixture f;
  f.view.escalation = 5;
  // By doctrine it would still back the defenders sometimes.
  EXPECT_GT(1.0 - Fixture::Probability(f.Weigh("doctrine"), Posture::kAbstain), 0.2);
  const auto options = f.Weigh("new_zealand");
  ASSERT_EQ(options.size(), 1u);  // abstain is all that is left
  EXPECT_EQ(options[0].choice.posture, Posture::kAbstain);
  // A listed party may not abstain: it supports, never deploys.
  f.view.party = true;
  const auto party = f.Weigh("new_zealand");
  ASSERT_EQ(party.size(), 1u);
  EXPECT_EQ(party[0].choice.posture, Posture::kSupport);
  // One rung lower it stays engaged (support, mostly).
  f.view.party = false;
  f.view.escalation = 4;
  EXPECT_GT(Fixture::Probability(f.Weigh("new_zealand"), Posture::kSupport), 0.5);
}

TEST(NewZealandModel, PrefersSupportToDeployment) {
  Fixture f;
  const auto doctrine = f.Weigh("doctrine");
  const auto nz = f.Weigh("new_zealand");
  // Exact terms: support + 0.1, deploy f - 0.5 f.
  EXPECT_NEAR(Fixture::Utility(nz, Posture::kSupport),
              Fixture::Utility(doctrine, Posture::kSupport) + 0.1, 1e-12);
  EXPECT_NEAR(Fixture::Utility(nz, Posture::kDeploy, 0.5),
              Fixture::Utility(doctrine, Posture::kDeploy, 0.5) - 0.25, 1e-12);
  EXPECT_NEAR(Fixture::Utility(nz, Posture::kAbstain),
              Fixture::Utility(doctrine, Posture::kAbstain), 1e-12);
  EXPECT_GT(Fixture::Probability(nz, Posture::kSupport),
            Fixture::Probability(doctrine, Posture::kSupport) + 0.2);
  EXPECT_LT(Fixture::Probability(nz, Posture::kDeploy),
            Fixture::Probability(doctrine, Posture::kDeploy));
}

TEST(NewZealandModel, StandsWhereItsClosestPartnerStands) {
  Fixture f;
  ASSERT_EQ(ClosestPartner(f.state, f.nz), f.partner);  // 0.9 beats 0.1
  const auto alone = f.Weigh("new_zealand");
  f.PartnerLastTurn(Side::kDefenders, Posture::kSupport);
  const auto beside = f.Weigh("new_zealand");
  // Backing gains partner_weight x m x tau = 0.2 x 0.9 x 0.8; abstaining does not.
  const double bonus = 0.2 * 0.9 * 0.8;
  EXPECT_NEAR(Fixture::Utility(beside, Posture::kSupport),
              Fixture::Utility(alone, Posture::kSupport) + bonus, 1e-12);
  EXPECT_NEAR(Fixture::Utility(beside, Posture::kDeploy, 0.2),
              Fixture::Utility(alone, Posture::kDeploy, 0.2) + bonus, 1e-12);
  EXPECT_NEAR(Fixture::Utility(beside, Posture::kAbstain),
              Fixture::Utility(alone, Posture::kAbstain), 1e-12);
  EXPECT_LT(Fixture::Probability(beside, Posture::kAbstain),
            Fixture::Probability(alone, Posture::kAbstain) - 0.1);
  // A partner that stayed out, or stood on the other side, changes nothing.
  f.PartnerLastTurn(Side::kDefenders, Posture::kAbstain);
  EXPECT_NEAR(Fixture::Utility(f.Weigh("new_zealand"), Posture::kSupport),
              Fixture::Utility(alone, Posture::kSupport), 1e-12);
  f.PartnerLastTurn(Side::kChallengers, Posture::kDeploy);
  EXPECT_NEAR(Fixture::Utility(f.Weigh("new_zealand"), Posture::kSupport),
              Fixture::Utility(alone, Posture::kSupport), 1e-12);
}

// NZL's postures in sparse_us over 200 seeds.
struct NzPostures {
  int at_threshold = 0;         // decisions with its theater at escalation 5
  int backed_at_threshold = 0;  // of which support or deploy
  int decisions = 0;            // all decisions with a side
  int support = 0, deploy = 0;
  int partner_backed = 0;  // decisions where AUS backed its side last turn
  int abstain_partner_backed = 0;
};

NzPostures RunNz(std::vector<Override> overrides) {
  const Scenario sc = testing::LoadOrDie(testing::RepoPath("scenarios/sparse_us.yaml"), overrides);
  struct Rec : Recorder {
    std::size_t t = 0, nz = 0, aus = 0;
    std::vector<TheaterChoice> previous;
    std::vector<Side> previous_side;
    NzPostures p;
    void OnTurn(const TurnRecord& r) override {
      if (r.turn == 1) {
        previous.assign(r.choices.size(), TheaterChoice{});
        previous_side.assign(r.sides.size(), Side::kNone);
      }
      for (std::size_t k = 0; k < t; ++k) {
        const std::size_t slot = nz * t + k;
        if (!r.theaters[k].adjudicated || r.sides[slot] == Side::kNone) continue;
        const Posture posture = r.choices[slot].posture;
        ++p.decisions;
        p.support += posture == Posture::kSupport;
        p.deploy += posture == Posture::kDeploy;
        if (r.theaters[k].escalation_at_start == kMaxEscalation) {
          ++p.at_threshold;
          p.backed_at_threshold += posture != Posture::kAbstain;
        }
        const std::size_t partner = aus * t + k;
        if (previous_side[partner] == r.sides[slot] &&
            previous[partner].posture != Posture::kAbstain) {
          ++p.partner_backed;
          p.abstain_partner_backed += posture == Posture::kAbstain;
        }
      }
      previous.assign(r.choices.begin(), r.choices.end());
      previous_side.assign(r.sides.begin(), r.sides.end());
    }
  } rec;
  rec.t = sc.theaters.size();
  rec.nz = testing::ActorNamed(sc, "NZL");
  rec.aus = testing::ActorNamed(sc, "AUS");
  Simulation sim(sc, testing::BuiltinRegistry());
  for (std::uint64_t seed = 1; seed <= 200; ++seed) sim.Run(seed, &rec);
  return rec.p;
}

// The Korean theater opens at the nuclear threshold: New Zealand withdraws.
TEST(NewZealandModel, InSparseUsItNeverBacksATheaterAtTheNuclearThreshold) {
  const NzPostures doctrine =
      RunNz({{"actors.NZL.model", "doctrine"}, {"theaters.KOR.escalation", "5"}});
  const NzPostures nz =
      RunNz({{"actors.NZL.model", "new_zealand"}, {"theaters.KOR.escalation", "5"}});
  // Measured: one decision per seed at escalation 5 (turn 1, before the
  // theater ends); the doctrine model backs the defenders in 73 of 200, the
  // new_zealand model in none.
  ASSERT_GE(nz.at_threshold, 200);
  EXPECT_EQ(nz.backed_at_threshold, 0);
  EXPECT_GT(doctrine.backed_at_threshold, 40);
}

TEST(NewZealandModel, InSparseUsItSupportsMoreDeploysLessAndFollowsAustralia) {
  const NzPostures doctrine = RunNz({{"actors.NZL.model", "doctrine"}});
  const NzPostures nz = RunNz({{"actors.NZL.model", "new_zealand"}});
  const NzPostures no_partner =
      RunNz({{"actors.NZL.model", "new_zealand"}, {"actors.NZL.params.partner_weight", "0"}});
  const auto rate = [](int n, int d) { return d > 0 ? double(n) / d : 0.0; };
  // Measured over 200 seeds: support 0.34 -> 0.74 of its decisions, deploy
  // 0.16 -> 0.03; where Australia backed its side the turn before, it
  // abstains in 0.07 of 358 decisions, against 0.31 of 361 with
  // partner_weight 0 (binomial standard errors about 0.015 and 0.024).
  ASSERT_GT(nz.decisions, 500);
  EXPECT_GT(rate(nz.support, nz.decisions), rate(doctrine.support, doctrine.decisions) + 0.2);
  EXPECT_LT(rate(nz.deploy, nz.decisions), rate(doctrine.deploy, doctrine.decisions) - 0.05);
  ASSERT_GT(nz.partner_backed, 200);
  EXPECT_LT(rate(nz.abstain_partner_backed, nz.partner_backed),
            rate(no_partner.abstain_partner_backed, no_partner.partner_backed) - 0.1);
}

}  // namespace
}  // namespace overstretch
