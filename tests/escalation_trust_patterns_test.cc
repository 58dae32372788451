// Patterns of the escalation tail and of trust (docs/model.md §3.6, §3.7,
// §3.9), each over 200 seeds with the margin the test states, plus exact
// checks of the rules on small scripted scenarios. If a pattern fails after
// a change, the change altered what the model says: explain it, do not
// loosen the margin.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "engine/contest.h"
#include "engine/inadvertent_escalation.h"
#include "engine/injects.h"
#include "engine/updates.h"
#include "tests/test_support.h"

namespace overstretch {
namespace {

constexpr int kSeeds = 200;

Scenario SparseUs(std::vector<Override> overrides) {
  return testing::LoadOrDie(testing::RepoPath("scenarios/sparse_us.yaml"), std::move(overrides));
}

struct Means {
  double nuclear = 0.0;     // share of runs that reached escalation 5
  double cohesion = 0.0;    // mean final cohesion
  double abandoning = 0.0;  // share of runs with an abandonment event
  double deterrence = 0.0;  // mean deterrence rate
};

Means RunSeeds(const Scenario& sc, int seeds = kSeeds) {
  Simulation sim(sc, testing::BuiltinRegistry());
  Means m;
  for (int seed = 1; seed <= seeds; ++seed) {
    const RunSummary s = sim.Run(seed);
    m.nuclear += s.nuclear_threshold_reached ? 1.0 : 0.0;
    m.cohesion += s.final_cohesion.value_or(0.0);
    m.abandoning += s.abandonment_events > 0 ? 1.0 : 0.0;
    m.deterrence += s.deterrence_rate.value_or(0.0);
  }
  m.nuclear /= seeds;
  m.cohesion /= seeds;
  m.abandoning /= seeds;
  m.deterrence /= seeds;
  return m;
}

Means AtUsCommitments(const char* g) {
  return RunSeeds(SparseUs({{"actors.US.global_commitments", g}}));
}

// The binomial standard error of a share over 200 runs is at most 0.035;
// the margins below are at least two of them unless stated.

TEST(EscalationPatterns, NuclearThresholdIsAFewPerCentAtDefaultsAndRisesWithPatronStretch) {
  // docs/model.md §4 measures 2.6% [1.6, 3.6] at the defaults over 1,000
  // runs. Over 400 the binomial standard error is under a point, so "a few
  // per cent" is checked as 1% to 8%: at least two of them clear of the
  // measured share on each side.
  const Means low = AtUsCommitments("0.1");
  const Means shipped = RunSeeds(SparseUs({}), 400);
  const Means high = AtUsCommitments("0.9");
  std::printf(
      "nuclear-threshold share at US commitments 0.1 / 0.7 (shipped) / 0.9: "
      "%.3f / %.3f / %.3f\n",
      low.nuclear, shipped.nuclear, high.nuclear);
  EXPECT_GE(shipped.nuclear, 0.01);  // a tail exists at the defaults
  EXPECT_LE(shipped.nuclear, 0.08);  // and it is a tail, not the rule
  EXPECT_LE(low.nuclear, shipped.nuclear);
  // A stretched patron's runs cross far more often (measured 43.5% at 0.9).
  EXPECT_GT(high.nuclear, shipped.nuclear + 0.15);
}

// The share of runs reaching the threshold over a scan of one parameter,
// `steps` + 1 values from `lo` to `hi`, 100 seeds each.
std::vector<double> NuclearShareScan(const char* path, double lo, double hi, int steps) {
  std::vector<double> shares;
  for (int i = 0; i <= steps; ++i) {
    char value[32];
    std::snprintf(value, sizeof value, "%.6g", lo + (hi - lo) * i / steps);
    shares.push_back(RunSeeds(SparseUs({{path, value}}), 100).nuclear);
  }
  return shares;
}

// No step of a tenth of the range takes the share from under 1% to over 90%.
void ExpectNoCliff(const char* path, const std::vector<double>& shares) {
  std::printf("%s:", path);
  for (double s : shares) std::printf(" %.2f", s);
  std::printf("\n");
  for (std::size_t i = 0; i + 1 < shares.size(); ++i) {
    const double lo = std::min(shares[i], shares[i + 1]);
    const double hi = std::max(shares[i], shares[i + 1]);
    EXPECT_FALSE(lo < 0.01 && hi > 0.9) << path << " step " << i;
  }
}

TEST(EscalationPatterns, NoTenthOfARangeTakesTheTailFromUnderOnePerCentToOverNinety) {
  // The two routes of docs/model.md §4's scan that reach the top of the
  // range: the PRC's opportunism (documented range 0-5; the cliff the rule
  // was recalibrated against ran 0.6% -> 97.8% from 3.5 to 4.5) and the
  // patron's stretch.
  const std::vector<double> opportunism =
      NuclearShareScan("actors.PRC.params.opportunism", 0.0, 5.0, 10);
  ExpectNoCliff("actors.PRC.params.opportunism", opportunism);
  EXPECT_GT(opportunism.back(), 0.9);  // the scan spans the whole tail
  const std::vector<double> commitments =
      NuclearShareScan("actors.US.global_commitments", 0.0, 0.9, 9);
  ExpectNoCliff("actors.US.global_commitments", commitments);
  EXPECT_LT(commitments.front(), 0.01);
}

TEST(EscalationPatterns, NoInadvertentStepWithoutTheRule) {
  // With run.inadvertent.rate 0 the hazard is 0 everywhere and no theater
  // steps up by accident.
  const Scenario sc = SparseUs({{"run.inadvertent.rate", "0"}});
  Simulation sim(sc, testing::BuiltinRegistry());
  for (int seed = 1; seed <= 20; ++seed) {
    testing::MemoryRecorder rec;
    sim.Run(seed, &rec);
    for (const AdjudicationRecord& a : rec.adjudications) {
      EXPECT_EQ(a.inadvertent_hazard, 0.0);
      EXPECT_FALSE(a.inadvertent);
    }
    for (const NuclearRecord& r : rec.nuclear) EXPECT_EQ(r.cause, NuclearCause::kDeliberate);
  }
}

TEST(EscalationPatterns, EveryCrossingIsAnEventWithItsCause) {
  const Scenario sc = SparseUs({{"actors.US.global_commitments", "0.9"}});
  Simulation sim(sc, testing::BuiltinRegistry());
  int crossings = 0, events = 0;
  for (int seed = 1; seed <= kSeeds; ++seed) {
    testing::MemoryRecorder rec;
    sim.Run(seed, &rec);
    for (const AdjudicationRecord& a : rec.adjudications) {
      if (a.escalation_after == kMaxEscalation && a.escalation_before < kMaxEscalation) ++crossings;
    }
    for (const NuclearRecord& r : rec.nuclear) {
      ++events;
      if (r.cause == NuclearCause::kDeliberate) {
        EXPECT_TRUE(r.has_actor);
      } else {
        EXPECT_FALSE(r.has_actor);
        EXPECT_GT(r.hazard, 0.0);
      }
    }
  }
  EXPECT_GT(crossings, 0);
  EXPECT_EQ(events, crossings);
}

TEST(EscalationRule, HazardRisesSmoothlyWithIntensityLossesAndStretch) {
  RunSettings run;
  EXPECT_EQ(InadvertentHazard(run, 2, 0.5, 0.5), 0.0);  // no fighting below 3
  EXPECT_EQ(InadvertentHazard(run, 5, 0.5, 0.5), 0.0);  // nowhere to go above 5
  const double base = InadvertentHazard(run, 3, 0.0, 0.0);
  EXPECT_NEAR(base, 1.0 - std::exp(-run.inadvertent.rate * run.intensity[3]), 1e-15);
  EXPECT_GT(InadvertentHazard(run, 4, 0.0, 0.0), base);
  EXPECT_GT(InadvertentHazard(run, 3, 0.2, 0.0), base);
  EXPECT_GT(InadvertentHazard(run, 3, 0.0, 0.2), base);
  // Smooth: a small change of an input moves the hazard a little.
  EXPECT_LT(InadvertentHazard(run, 4, 0.31, 0.5) - InadvertentHazard(run, 4, 0.30, 0.5), 0.01);
}

TEST(TrustPatterns, CohesionFallsAndAbandonmentRisesWithPatronStretch) {
  const Means low = AtUsCommitments("0.1");
  const Means high = AtUsCommitments("0.9");
  std::printf(
      "final cohesion at US commitments 0.1 / 0.9: %.3f / %.3f; runs with abandonment: "
      "%.3f / %.3f\n",
      low.cohesion, high.cohesion, low.abandoning, high.abandoning);
  EXPECT_GT(low.cohesion, high.cohesion + 0.02);
  EXPECT_GT(high.abandoning, 0.25);  // abandonment happens in a stretched patron's runs
  EXPECT_GT(high.abandoning, low.abandoning);
}

TEST(TrustPatterns, CohesionVariesAcrossRuns) {
  const Scenario sc = SparseUs({});
  Simulation sim(sc, testing::BuiltinRegistry());
  double lo = 1.0, hi = 0.0;
  for (int seed = 1; seed <= kSeeds; ++seed) {
    const double c = sim.Run(seed).final_cohesion.value_or(0.0);
    lo = std::min(lo, c);
    hi = std::max(hi, c);
  }
  std::printf("final cohesion over %d runs: %.3f .. %.3f\n", kSeeds, lo, hi);
  EXPECT_GT(hi - lo, 0.05);  // measured s.d. about 0.02 over 1,000 runs
}

TEST(TrustPatterns, LowerInitialTrustLowersDeterrence) {
  const Means low = RunSeeds(SparseUs({{"run.trust.initial", "0.2"}}));
  const Means high = RunSeeds(SparseUs({{"run.trust.initial", "0.8"}}));
  std::printf("deterrence at initial trust 0.2 / 0.8: %.3f / %.3f\n", low.deterrence,
              high.deterrence);
  // Measured 0.574 and 0.641 over 1,000 runs (docs/model.md §4); the standard
  // error of a mean over 200 runs is about 0.02, so 0.05 is well clear of noise.
  EXPECT_GT(high.deterrence, low.deterrence + 0.05);
}

TEST(TrustPatterns, ANewPledgeDoesNotLowerCohesion) {
  // Play sparse_us eight turns (trust has moved by then), then pledge a new
  // tie: cohesion just after the pledge is never below cohesion just before.
  const Scenario sc = SparseUs({});
  Simulation sim(sc, testing::BuiltinRegistry());
  Effect pledge;
  pledge.kind = Effect::Kind::kTie;
  pledge.entity = static_cast<std::uint32_t>(testing::ActorNamed(sc, "JPN"));
  pledge.other = static_cast<std::uint32_t>(testing::ActorNamed(sc, "TWN"));
  pledge.tie_mask = 1u;  // commitment
  pledge.tie.commitment = 0.5;
  int moved = 0;
  for (int seed = 1; seed <= kSeeds; ++seed) {
    WorldState state = MakeInitialState(sc);
    MetricsAccumulator metrics(sc);
    for (int t = 0; t < 8 && !sim.Finished(state); ++t) sim.PlayTurn(state, seed, metrics, nullptr);
    const Cohesion before = CohesionOf(state);
    ApplyEffect(sc, state, pledge, state.turn + 1, nullptr);
    const Cohesion after = CohesionOf(state);
    ASSERT_TRUE(before.defined && after.defined);
    EXPECT_GE(after.value, before.value - 1e-12) << "seed " << seed;
    if (before.value < 1.0) ++moved;
  }
  EXPECT_GT(moved, 0);  // trust had moved in some runs, so the check had teeth
}

// An ally C committed to B (m = 0.5) deploys a share of its force in a
// crisis where the challenger A deployed everything and B deployed nothing:
// all that B needed fell to C. Trust follows the share of it C delivered.
constexpr const char* kShare = R"(
scenario: {name: share}
run: {turns: 1, fog: 0, trust: {initial: 0.8, gain: 0.05, loss: 0.2, reputation: 0, abandon_min: 0.3, abandon_share: 0.25}}
actors:
  A:
    model: scripted
    forces: 10
    home: [0, 1]
    script: [{turn: 1, theater: X, posture: deploy, share: 1.0}]
  B: {model: scripted, forces: 10, home: [0, -1]}
  C:
    model: scripted
    forces: 100
    home: [1, 0]
    script: [{turn: 1, theater: X, posture: deploy, share: SHARE}]
ties:
  - {from: C, to: B, commitment: 0.5}
  - {from: B, to: C, trust: 0.8}
theaters:
  X: {location: [0, 0], escalation: 2, challengers: [A], defenders: [B]}
)";

struct ShareOutcome {
  double q = 0.0;
  double trust = 0.0;
  int abandonments = 0;
};

ShareOutcome PlayShare(const std::string& share) {
  std::string text = kShare;
  text.replace(text.find("SHARE"), 5, share);
  const Scenario sc = testing::LoadTextOrDie(text);
  Simulation sim(sc, testing::BuiltinRegistry());
  testing::MemoryRecorder rec;
  const RunSummary summary = sim.Run(1, &rec);
  ShareOutcome out;
  const TheaterTurn& x = rec.turns.at(0).theaters.at(0);
  const double needed = ForceForSuccess(x.phi_challengers, sc.run.stretch_target, 1.0);
  out.q = std::min(1.0, x.phi_defenders / needed);  // only C delivered
  for (const TieState& t : rec.turns[0].ties) {
    if (sc.actors[t.from.get()].id == "B" && sc.actors[t.to.get()].id == "C")
      out.trust = t.attrs.trust;
  }
  out.abandonments = summary.abandonment_events;
  return out;
}

TEST(TrustRule, GainScalesWithDeliveredOverNeeded) {
  const ShareOutcome small = PlayShare("0.05");
  const ShareOutcome part = PlayShare("0.15");
  const ShareOutcome all = PlayShare("1.0");
  std::printf("delivered/needed %.2f / %.2f / %.2f -> trust %.4f / %.4f / %.4f\n", small.q, part.q,
              all.q, small.trust, part.trust, all.trust);
  ASSERT_LT(small.q, 0.25);
  ASSERT_GT(part.q, 0.25);
  ASSERT_LT(part.q, 1.0);
  ASSERT_EQ(all.q, 1.0);
  for (const ShareOutcome& o : {small, part, all}) {
    const double expected = 0.8 + 0.05 * o.q * 0.2 - 0.2 * 0.5 * (1.0 - o.q) * 0.8;
    EXPECT_NEAR(o.trust, expected, 1e-12);
  }
  EXPECT_LT(small.trust, part.trust);
  EXPECT_LT(part.trust, all.trust);
  EXPECT_EQ(small.abandonments, 1);  // under a quarter of what was needed
  EXPECT_EQ(part.abandonments, 0);
  EXPECT_EQ(all.abandonments, 0);
}

}  // namespace
}  // namespace overstretch
