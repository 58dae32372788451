// The generic doctrine model: its option sets and the direction in which
// each utility term pushes a choice.
#include "actors/doctrine_model.h"

#include <gtest/gtest.h>

#include "tests/test_support.h"

namespace overstretch {
namespace {

constexpr const char* kTwo = R"(
scenario: {name: two}
actors:
  C: {forces: 100, home: [0, 1]}
  D: {forces: 100, home: [0, -1]}
theaters:
  X: {location: [0, 0], challengers: [C], defenders: [D], value: 2}
)";

struct Fixture {
  Scenario sc = testing::LoadTextOrDie(kTwo);
  WorldState state = MakeInitialState(sc);
  Doctrine doctrine = sc.actors[0].doctrine;

  TheaterView View(Side side, bool party, int escalation, double own, double other) const {
    return testing::MakeView({.side = side,
                              .party = party,
                              .escalation = escalation,
                              .own = own,
                              .other = other,
                              .lethality = 0.01});
  }
  double U(ActorIndex self, const TheaterView& v, TheaterChoice c, bool challenger) const {
    DecisionContext ctx{
        sc, state, self, 1, doctrine, 100.0, 50.0, std::span(&v, 1), testing::StretchNeed(sc)};
    return DoctrineUtility(ctx, v, c, challenger);
  }
};

TEST(DoctrineModel, OptionSetsFollowRoles) {
  Fixture f;
  OptionSet options;
  LegalOptions(f.View(Side::kDefenders, true, 1, 0, 0), f.doctrine, false, options);
  EXPECT_EQ(options.size, 4u);  // a party may not abstain: support + 3 deploy levels
  for (const auto& o : options.view()) EXPECT_NE(o.posture, Posture::kAbstain);
  LegalOptions(f.View(Side::kDefenders, false, 1, 0, 0), f.doctrine, false, options);
  EXPECT_EQ(options.size, 5u);
  EXPECT_EQ(options.items[0].posture, Posture::kAbstain);
  LegalOptions(f.View(Side::kChallengers, true, 1, 0, 0), f.doctrine, true, options);
  EXPECT_EQ(options.size, 12u);  // 4 postures x 3 moves
  LegalOptions(f.View(Side::kChallengers, true, 5, 0, 0), f.doctrine, true, options);
  EXPECT_EQ(options.size, 8u);  // no escalation beyond the nuclear threshold
  for (const auto& o : options.view()) EXPECT_NE(o.move, Move::kEscalate);
  LegalOptions(f.View(Side::kChallengers, true, 0, 0, 0), f.doctrine, true, options);
  for (const auto& o : options.view()) EXPECT_NE(o.move, Move::kDeescalate);
  LegalOptions(f.View(Side::kNone, false, 2, 0, 0), f.doctrine, false, options);
  EXPECT_EQ(options.size, 1u);
}

TEST(DoctrineModel, StrongerThreatMakesDeployingWorthMore) {
  Fixture f;
  const TheaterChoice deploy{Posture::kDeploy, 1.0, Move::kHold, 0};
  const TheaterChoice support{Posture::kSupport, 0.0, Move::kHold, 0};
  const ActorIndex d(1);
  // Its side already has 30 delivered: against a weak challenger (5) the
  // theater is safe anyway; against a strong one (40) its force decides it.
  const double weak = f.U(d, f.View(Side::kDefenders, true, 2, 30, 5), deploy, false) -
                      f.U(d, f.View(Side::kDefenders, true, 2, 30, 5), support, false);
  const double strong = f.U(d, f.View(Side::kDefenders, true, 2, 30, 40), deploy, false) -
                        f.U(d, f.View(Side::kDefenders, true, 2, 30, 40), support, false);
  EXPECT_GT(strong, weak);
  // Against the strong challenger, half of its force is worth more than support.
  const TheaterChoice half{Posture::kDeploy, 0.5, Move::kHold, 0};
  const TheaterView v = f.View(Side::kDefenders, true, 2, 30, 40);
  EXPECT_GT(f.U(d, v, half, false), f.U(d, v, support, false));
}

TEST(DoctrineModel, CredibilityCountsFromCrisisOn) {
  Fixture f;
  f.doctrine.security = 0;  // isolate the credibility term
  const TheaterChoice abstain{};
  TheaterView v1 = f.View(Side::kDefenders, false, 1, 10, 10);
  TheaterView v2 = f.View(Side::kDefenders, false, 2, 10, 10);
  v1.credibility_at_stake = v2.credibility_at_stake = 0.5;
  f.doctrine.escalation = 0;
  EXPECT_DOUBLE_EQ(f.U(ActorIndex(1), v1, abstain, false), 0.0);
  EXPECT_DOUBLE_EQ(f.U(ActorIndex(1), v2, abstain, false), -f.doctrine.credibility * 0.5);
}

TEST(DoctrineModel, ChallengerEscalatesOnlyWhenTheBalanceFavoursIt) {
  Fixture f;
  const ActorIndex c(0);
  const TheaterChoice escalate{Posture::kDeploy, 1.0, Move::kEscalate, 0};
  const TheaterChoice back_down{Posture::kDeploy, 1.0, Move::kDeescalate, 0};
  const TheaterView favourable = f.View(Side::kChallengers, true, 2, 0, 5);
  const TheaterView hopeless = f.View(Side::kChallengers, true, 2, 0, 500);
  EXPECT_GT(f.U(c, favourable, escalate, true), f.U(c, favourable, back_down, true));
  EXPECT_LT(f.U(c, hopeless, escalate, true), f.U(c, hopeless, back_down, true));
}

TEST(DoctrineModel, NuclearThresholdCostsMoreThanItGains) {
  // control_rate does not increase from 4 to 5 and escalation_cost jumps:
  // with the balance in its favour, a challenger at 4 still prefers holding.
  Fixture f;
  const ActorIndex c(0);
  const TheaterView v = f.View(Side::kChallengers, true, 4, 0, 5);
  const TheaterChoice up{Posture::kDeploy, 1.0, Move::kEscalate, 0};
  const TheaterChoice hold{Posture::kDeploy, 1.0, Move::kHold, 0};
  EXPECT_LT(f.U(c, v, up, true), f.U(c, v, hold, true));
}

TEST(DoctrineModel, ChooseOptionArgmaxAndLogit) {
  Doctrine d;
  RandomStream rng(1, Purpose::kDecide, 1, 1);
  std::vector<double> u = {0.1, 0.5, 0.5, -1.0};
  std::vector<double> p(4);
  double draw = 0;
  d.argmax = true;
  EXPECT_EQ(ChooseOption(u, d, rng, p, &draw), 1u);  // first of the tied maxima
  EXPECT_EQ(draw, -1.0);
  d.argmax = false;
  d.rationality = 0.0;
  ChooseOption(u, d, rng, p, &draw);
  for (double x : p) EXPECT_DOUBLE_EQ(x, 0.25);
  EXPECT_GE(draw, 0.0);
  // With lambda = 12 the better options are picked far more often.
  d.rationality = 12.0;
  int picks[4] = {0, 0, 0, 0};
  for (int i = 0; i < 4000; ++i) ++picks[ChooseOption(u, d, rng, p, &draw)];
  EXPECT_GT(picks[1] + picks[2], 3600);
  EXPECT_NEAR(double(picks[1]) / (picks[1] + picks[2]), 0.5, 0.05);
}

// A view's DoctrineTerms reuse what each deploy share computed for later
// options; that must not change any utility. Every option weighed through one
// object, in both orders, with more shares than it keeps (the 20 levels
// below), equals a fresh evaluation per option, bit for bit; so does a
// revalued theater against a view with that value.
TEST(DoctrineModel, TermsOfAViewGiveEachOptionsUtilityExactly) {
  Fixture f;
  // The loader allows at most 8 deploy levels (OptionSet holds no more); 20
  // further shares, asked directly, go past the terms' cache of 12.
  f.doctrine.deploy_levels = {0.05, 0.1, 0.2, 0.35, 0.5, 0.65, 0.8, 1.0};
  f.doctrine.inertia = 0.1;
  for (const bool challenger : {true, false}) {
    for (int e = 0; e <= kMaxEscalation; ++e) {
      TheaterView v = f.View(challenger ? Side::kChallengers : Side::kDefenders, true, e, 60, 45);
      v.other_side_nuclear = e % 2 == 0;
      v.other_side_backers = 2;
      v.other_warning = 0.3;
      v.last = TheaterChoice{Posture::kDeploy, 0.5, Move::kHold, 0.0};
      const ActorIndex self(challenger ? 0 : 1);
      const DecisionContext ctx{f.sc, f.state,          self,
                                1,    f.doctrine,       100.0,
                                50.0, std::span(&v, 1), testing::StretchNeed(f.sc)};
      OptionSet options;
      LegalOptions(v, f.doctrine, challenger, options);
      DoctrineTerms terms(ctx, v, challenger);
      for (int pass = 0; pass < 2; ++pass) {
        for (std::size_t i = 0; i < options.size; ++i) {
          const TheaterChoice& o = options.items[pass == 0 ? i : options.size - 1 - i];
          EXPECT_EQ(terms.Utility(o), DoctrineUtility(ctx, v, o, challenger))
              << "e " << e << " share " << o.share << " move " << static_cast<int>(o.move);
        }
      }
      for (int i = 1; i <= 20; ++i) {
        const TheaterChoice o{Posture::kDeploy, i / 20.0, Move::kHold, 0.0};
        EXPECT_EQ(terms.Utility(o), DoctrineUtility(ctx, v, o, challenger)) << "share " << o.share;
      }
      TheaterView valued = v;
      valued.value = 3.5;
      DoctrineTerms revalued = terms.Revalued(3.5);
      for (const TheaterChoice& o : options.view()) {
        EXPECT_EQ(revalued.Utility(o), DoctrineUtility(ctx, valued, o, challenger));
      }
    }
  }
}

}  // namespace
}  // namespace overstretch
