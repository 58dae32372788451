// Compensation, home defence, help, threat, trust, generic actors and early
// warning (docs/model.md §3.5, issue #10), each with the margin the test
// states. The margins are directions with room for seed noise, not measured
// values: docs/model.md gives the figures with 95% intervals at 1,000 seeds
// (OVERSTRETCH_PATTERN_SEEDS=1000 reruns these tests there and prints them).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "tests/test_support.h"

namespace overstretch {
namespace {

int Seeds(int fallback = 200) {
  const char* env = std::getenv("OVERSTRETCH_PATTERN_SEEDS");
  const int n = env != nullptr ? std::atoi(env) : 0;
  return n > 0 ? n : fallback;
}

Scenario Load(const std::string& file, std::vector<Override> overrides) {
  return testing::LoadOrDie(testing::RepoPath(file), std::move(overrides));
}

// A mean over runs and its 95% half-width.
struct Estimate {
  double mean = 0.0;
  double half_width = 0.0;
  double low() const { return mean - half_width; }
  double high() const { return mean + half_width; }
};

struct Accumulate {
  double sum = 0.0, sum2 = 0.0;
  int n = 0;
  void Add(double x) {
    sum += x;
    sum2 += x * x;
    ++n;
  }
  Estimate Get() const {
    if (n == 0) return {};
    const double m = sum / n;
    const double var = std::max(0.0, sum2 / n - m * m) * n / std::max(1, n - 1);
    return {m, 1.96 * std::sqrt(var / n)};
  }
};

// One theater's defenders over a run, the allies being every actor on the
// defenders' side other than the patron (the attacked party included).
struct RunFigures {
  double allies_per_turn = 0.0;  // delivered force per adjudicated turn
  double allies_total = 0.0;     // delivered force summed over the run
  double patron_total = 0.0;
  double patron_per_turn = 0.0;
  double effort = 0.0;  // allies' departure force / their available force, per turn
  bool adjudicated = false;
};

RunFigures Figures(const Scenario& sc, std::size_t k, const testing::MemoryRecorder& rec) {
  const std::size_t tcount = sc.theaters.size();
  RunFigures r;
  int turns = 0;
  for (const auto& t : rec.turns) {
    const TheaterTurn& th = t.theaters[k];
    if (!th.adjudicated) continue;
    ++turns;
    r.allies_total += th.phi_defenders - th.phi_patron;
    r.patron_total += th.phi_patron;
    double sent = 0.0, available = 0.0;
    for (std::size_t i = 0; i < sc.actors.size(); ++i) {
      if (sc.has_patron && i == sc.patron.get()) continue;
      if (t.sides[i * tcount + k] != Side::kDefenders) continue;
      sent += t.deployed[i * tcount + k];
      available += t.actors[i].available;
    }
    r.effort += available > 0.0 ? sent / available : 0.0;
  }
  if (turns > 0) {
    r.adjudicated = true;
    r.allies_per_turn = r.allies_total / turns;
    r.patron_per_turn = r.patron_total / turns;
    r.effort /= turns;
  }
  return r;
}

struct Measured {
  Estimate allies_per_turn, patron_per_turn, allies_total, patron_total, effort;
  std::vector<RunFigures> runs;  // by seed, for paired comparisons
};

// Both theaters of one scenario over Seeds() runs.
struct Measurements {
  Measured kor, twn;
  const Measured& at(const std::string& theater) const { return theater == "KOR" ? kor : twn; }
};

Measured Summarise(std::vector<RunFigures> runs) {
  Accumulate per_turn, patron_per_turn, total, patron, effort;
  for (const RunFigures& r : runs) {
    total.Add(r.allies_total);
    patron.Add(r.patron_total);
    if (!r.adjudicated) continue;
    per_turn.Add(r.allies_per_turn);
    patron_per_turn.Add(r.patron_per_turn);
    effort.Add(r.effort);
  }
  Measured m;
  m.allies_per_turn = per_turn.Get();
  m.patron_per_turn = patron_per_turn.Get();
  m.allies_total = total.Get();
  m.patron_total = patron.Get();
  m.effort = effort.Get();
  m.runs = std::move(runs);
  return m;
}

Measurements Measure(const Scenario& sc) {
  const std::size_t kor = testing::TheaterNamed(sc, "KOR");
  const std::size_t twn = testing::TheaterNamed(sc, "TWN");
  Simulation sim(sc, testing::BuiltinRegistry());
  std::vector<RunFigures> a, b;
  for (int seed = 1; seed <= Seeds(); ++seed) {
    testing::MemoryRecorder rec;
    sim.Run(seed, &rec);
    a.push_back(Figures(sc, kor, rec));
    b.push_back(Figures(sc, twn, rec));
  }
  return {Summarise(std::move(a)), Summarise(std::move(b))};
}

void Print(const char* what, const Estimate& e) {
  std::printf("  %-56s %8.3f ± %.3f\n", what, e.mean, e.half_width);
}

constexpr const char* kSparseUs = "scenarios/sparse_us.yaml";

Scenario SparseUsAt(const char* commitments, std::vector<Override> more = {}) {
  more.push_back({"actors.US.global_commitments", commitments});
  return Load(kSparseUs, std::move(more));
}

// sparse_us at US commitments 0.9 with one change (none: ""), measured once.
const Measurements& Stretched(const std::string& path = "", const std::string& value = "") {
  static std::map<std::string, Measurements> cache;
  const std::string key = path + "=" + value;
  auto it = cache.find(key);
  if (it == cache.end()) {
    std::vector<Override> more;
    if (!path.empty()) more.push_back({path, value});
    it = cache.emplace(key, Measure(SparseUsAt("0.9", std::move(more)))).first;
  }
  return it->second;
}

TEST(CompensationPatterns, AlliesDeliverMoreAsThePatronIsStretched) {
  const Measurements at_low = Measure(SparseUsAt("0.1"));
  for (const char* theater : {"KOR", "TWN"}) {
    const Measured& low = at_low.at(theater);
    const Measured& high = Stretched().at(theater);
    std::printf("%s, US commitments 0.1 -> 0.9 (allies = defenders other than the US):\n", theater);
    Print("allies' delivered force, run total, at 0.1", low.allies_total);
    Print("allies' delivered force, run total, at 0.9", high.allies_total);
    Print("US delivered force, run total, at 0.1", low.patron_total);
    Print("US delivered force, run total, at 0.9", high.patron_total);
    Print("allies' delivered force per adjudicated turn at 0.1", low.allies_per_turn);
    Print("allies' delivered force per adjudicated turn at 0.9", high.allies_per_turn);
    Print("US delivered force per adjudicated turn at 0.1", low.patron_per_turn);
    Print("US delivered force per adjudicated turn at 0.9", high.patron_per_turn);
    Print("allies' effort (sent / available) per turn at 0.1", low.effort);
    Print("allies' effort (sent / available) per turn at 0.9", high.effort);
    // The share of the patron's shortfall the allies cover, paired by seed
    // (common random numbers: seed s of both levels shares its streams).
    Accumulate gain, drop;
    for (std::size_t s = 0; s < low.runs.size(); ++s) {
      gain.Add(high.runs[s].allies_total - low.runs[s].allies_total);
      drop.Add(low.runs[s].patron_total - high.runs[s].patron_total);
    }
    Print("paired allied gain, run total", gain.Get());
    Print("paired US drop, run total", drop.Get());
    std::printf("  allies' gain / US drop, run totals: %.3f; per turn: %.3f\n",
                gain.Get().mean / drop.Get().mean,
                (high.allies_per_turn.mean - low.allies_per_turn.mean) /
                    (low.patron_per_turn.mean - high.patron_per_turn.mean));
    // Over the run the allies deliver more in both theaters (at least 1.5
    // times, measured 1.7 in Korea and 3.6 in the strait).
    EXPECT_GT(high.allies_total.low(), 1.5 * low.allies_total.high()) << theater;
    if (std::string(theater) == "KOR") {
      // Korea: more per turn (a tenth at least, measured +31%), a larger
      // share of their available force (measured 0.43 -> 0.65) and at least
      // a sixth of the US shortfall covered (measured 0.30).
      EXPECT_GT(high.allies_per_turn.low(), 1.1 * low.allies_per_turn.high());
      EXPECT_GT(high.effort.mean, low.effort.mean + 0.1);
      EXPECT_GT(gain.Get().mean, drop.Get().mean / 6.0);
    } else {
      // The strait: the US delivers more over the run at 0.9 (the strait
      // fights for longer), so only per turn is there a shortfall, and the
      // allies' force per turn barely rises (+7%, docs/model.md §3.5 says
      // why). It must at least not fall, as it did before (5.8 -> 1.9).
      EXPECT_GT(high.allies_per_turn.mean, low.allies_per_turn.mean * 0.95);
      EXPECT_GT(low.patron_per_turn.low(), high.patron_per_turn.high());
    }
  }
}

// Share of a listed defender's decisions at escalation >= `from` (at the
// start of the turn) that deploy force.
double DeployShareAtConflict(const Scenario& sc, const std::string& actor,
                             const std::string& theater, int from) {
  const std::size_t i = testing::ActorNamed(sc, actor);
  const std::size_t k = testing::TheaterNamed(sc, theater);
  const std::size_t tcount = sc.theaters.size();
  Simulation sim(sc, testing::BuiltinRegistry());
  int deploys = 0, decisions = 0;
  for (int seed = 1; seed <= Seeds(); ++seed) {
    testing::MemoryRecorder rec;
    sim.Run(seed, &rec);
    for (const auto& t : rec.turns) {
      const TheaterTurn& th = t.theaters[k];
      if (!th.adjudicated || th.escalation_at_start < from) continue;
      ++decisions;
      if (t.choices[i * tcount + k].posture == Posture::kDeploy) ++deploys;
    }
  }
  EXPECT_GT(decisions, 500) << actor << " in " << theater;
  return decisions > 0 ? static_cast<double>(deploys) / decisions : 0.0;
}

TEST(CompensationPatterns, AnAttackedDefenderDefendsItsTerritory) {
  // At US commitments 0.9 the Taiwan Strait reaches major conflict (4).
  const double home = DeployShareAtConflict(SparseUsAt("0.9"), "TWN", "TWN", 4);
  const double without =
      DeployShareAtConflict(SparseUsAt("0.9", {{"doctrine.home_defence", "0"}}), "TWN", "TWN", 4);
  std::printf(
      "Taiwan deploys in %.3f of its decisions at major conflict (%.3f with "
      "home_defence 0)\n",
      home, without);
  EXPECT_GT(home, 0.98);            // measured 1.000
  EXPECT_GT(home, without + 0.03);  // measured 0.072 apart
}

// The allies' effort in a theater at US commitments 0.9 with and without one
// change; returns with - without.
double EffortChange(const char* label, const char* theater, const Measurements& without,
                    const Measurements& with) {
  const Measured& a = without.at(theater);
  const Measured& b = with.at(theater);
  std::printf("%s, %s, US commitments 0.9:\n", label, theater);
  Print("allies' effort without", a.effort);
  Print("allies' effort with", b.effort);
  Print("allies' delivered force per turn without", a.allies_per_turn);
  Print("allies' delivered force per turn with", b.allies_per_turn);
  return b.effort.mean - a.effort.mean;
}

TEST(CompensationPatterns, RequestsForHelpRaiseAlliesEffort) {
  // Measured +0.092 in Korea and +0.046 in the strait.
  const Measurements& ignored = Stretched("doctrine.help", "0");
  EXPECT_GT(EffortChange("requests weighted (help 1 against 0)", "KOR", ignored, Stretched()),
            0.05);
  EXPECT_GT(EffortChange("requests weighted (help 1 against 0)", "TWN", ignored, Stretched()),
            0.02);
}

TEST(CompensationPatterns, DistrustOfThePatronRaisesAlliesEffort) {
  // Allies that doubt the patron count less on its forces (self-help):
  // measured +0.052 in Korea and +0.055 in the strait.
  const Measurements& distrust = Stretched("run.trust.initial", "0.4");
  const Measurements& trust = Stretched("run.trust.initial", "0.8");
  EXPECT_GT(EffortChange("distrust (initial trust 0.4 against 0.8)", "KOR", trust, distrust), 0.02);
  EXPECT_GT(EffortChange("distrust (initial trust 0.4 against 0.8)", "TWN", trust, distrust), 0.02);
}

TEST(CompensationPatterns, AStrongerChallengerMovesAlliesOnlyWhereTheWarTurns) {
  // Balance of threat holds in the uncovered share, which a stronger
  // challenger raises, but at 0.9 that share is already near 1 and the
  // stronger challenger also raises the war and nuclear terms: in the
  // strait the allies send less (measured -0.10), in Korea nothing moves
  // (measured +0.001). docs/model.md §3.5 reports this as a limit.
  EXPECT_LT(EffortChange("threat (PRC forces 365 against 292)", "TWN", Stretched(),
                         Stretched("actors.PRC.forces", "365")),
            -0.05);
  EXPECT_NEAR(EffortChange("threat (DPRK forces 14 against 11)", "KOR", Stretched(),
                           Stretched("actors.DPRK.forces", "14")),
              0.0, 0.02);
}

struct Paired {
  Estimate a, b, diff;  // b - a, paired by seed
};

// Runs of two scenarios paired by seed.
std::vector<std::pair<RunSummary, RunSummary>> RunPaired(const Scenario& a, const Scenario& b,
                                                         int seeds) {
  Simulation sa(a, testing::BuiltinRegistry());
  Simulation sb(b, testing::BuiltinRegistry());
  std::vector<std::pair<RunSummary, RunSummary>> runs;
  for (int seed = 1; seed <= seeds; ++seed) runs.emplace_back(sa.Run(seed), sb.Run(seed));
  return runs;
}

template <class Metric>
Paired Compare(const std::vector<std::pair<RunSummary, RunSummary>>& runs, Metric metric) {
  Accumulate ma, mb, d;
  for (const auto& [ra, rb] : runs) {
    const double x = metric(ra);
    const double y = metric(rb);
    ma.Add(x);
    mb.Add(y);
    d.Add(y - x);
  }
  return {ma.Get(), mb.Get(), d.Get()};
}

double Deterrence(const RunSummary& s) { return s.deterrence_rate.value_or(0.0); }

TEST(CompensationPatterns, GenericScenarioDeterrenceFallsWithPatronCommitments) {
  constexpr const char* kFile = "scenarios/generic_overstretch.yaml";
  const auto at = [&](const char* g) {
    return Load(kFile, {{"actors.ORCA.global_commitments", g}});
  };
  const Paired low_mid = Compare(RunPaired(at("0.1"), at("0.5"), Seeds()), Deterrence);
  const Paired mid_high = Compare(RunPaired(at("0.5"), at("0.9"), Seeds()), Deterrence);
  std::printf("generic_overstretch deterrence at patron commitments 0.1 / 0.5 / 0.9:\n");
  Print("0.1", low_mid.a);
  Print("0.5", low_mid.b);
  Print("0.9", mid_high.b);
  Print("paired change 0.1 -> 0.5", low_mid.diff);
  Print("paired change 0.5 -> 0.9", mid_high.diff);
  // Each step lowers deterrence by at least 0.05 (measured 0.165 and 0.280).
  EXPECT_LT(low_mid.diff.high(), -0.05);
  EXPECT_LT(mid_high.diff.high(), -0.05);
}

TEST(CompensationPatterns, SuspendingIntelligenceSharingCostsTheDefendersInGsomia) {
  // Paired by seed over 1,000 runs (the first seven turns are identical):
  // the suspension adds conflict turns and defenders' losses, each with a
  // 95% interval clear of 0 (measured +0.029 ± 0.015 turns, +0.17 ± 0.10
  // force units), and lowers deterrence by about a point, at the edge of
  // its noise (measured -0.012 ± 0.011): a small effect, docs/model.md §3.5.
  constexpr const char* kFile = "scenarios/gsomia.yaml";
  const Scenario kept = Load(kFile, {{"injects.gsomia_suspended.enabled", "false"}});
  const Scenario suspended = Load(kFile, {});
  const auto runs = RunPaired(kept, suspended, Seeds(1000));
  const Paired d = Compare(runs, Deterrence);
  const Paired c =
      Compare(runs, [](const RunSummary& s) { return static_cast<double>(s.conflict_turns); });
  const Paired l = Compare(runs, [](const RunSummary& s) { return s.losses_defenders; });
  std::printf("gsomia, sharing kept against suspended at turn 8:\n");
  Print("deterrence kept", d.a);
  Print("deterrence suspended", d.b);
  Print("paired change in deterrence", d.diff);
  Print("paired change in conflict turns", c.diff);
  Print("paired change in defenders' losses", l.diff);
  EXPECT_LT(d.diff.mean, 0.0);
  EXPECT_GT(c.diff.low(), 0.0);
  EXPECT_GT(l.diff.low(), 0.0);
}

}  // namespace
}  // namespace overstretch
