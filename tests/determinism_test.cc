// Determinism (docs/model.md §3.8): the same scenario and seed give identical
// results, and the order in which a file lists actors, ties and theaters
// changes nothing.
#include <gtest/gtest.h>

#include <sstream>

#include "tests/test_support.h"

namespace overstretch {
namespace {

using testing::MemoryRecorder;

// Everything a run reports, printed with round-trip precision and by id.
std::string Fingerprint(const Scenario& sc, const MemoryRecorder& rec, const RunSummary& s) {
  std::ostringstream out;
  out.precision(17);
  for (const auto& t : rec.turns) {
    out << "turn " << t.turn << " cohesion " << t.cohesion << " ab " << t.abandonments << "\n";
    for (const auto& th : t.theaters) {
      out << sc.theaters[th.theater.get()].id << " " << th.escalation << " " << th.control << " "
          << th.p_challengers << " " << th.phi_challengers << " " << th.phi_defenders << " "
          << th.losses_challengers << " " << th.losses_defenders << "\n";
    }
    for (const auto& a : t.actors) {
      out << sc.actors[a.actor.get()].id << " " << a.forces << " " << a.deployed << " " << a.stretch
          << " " << a.trust_in << " " << a.betweenness << "\n";
    }
    for (const auto& tie : t.ties) {
      out << sc.actors[tie.from.get()].id << ">" << sc.actors[tie.to.get()].id << " "
          << tie.attrs.trust << "\n";
    }
  }
  out << "summary " << s.deterrence_rate.value_or(-1) << " " << s.max_escalation << " "
      << s.losses_challengers << " " << s.losses_defenders << " "
      << s.allied_burden_share.value_or(-1) << " " << s.patron_peak_stretch.value_or(-1) << " "
      << s.final_cohesion.value_or(-1) << " " << s.abandonment_events << "\n";
  return out.str();
}

std::string RunFingerprint(const Scenario& sc, std::uint64_t seed) {
  Simulation sim(sc, testing::BuiltinRegistry());
  MemoryRecorder rec;
  rec.network = true;
  const RunSummary s = sim.Run(seed, &rec);
  return Fingerprint(sc, rec, s);
}

TEST(Determinism, SameSeedSameRun) {
  const Scenario sc = testing::LoadOrDie(testing::RepoPath("scenarios/sparse_us.yaml"));
  for (std::uint64_t seed : {1ULL, 2ULL, 99ULL}) {
    EXPECT_EQ(RunFingerprint(sc, seed), RunFingerprint(sc, seed));
  }
  EXPECT_NE(RunFingerprint(sc, 1), RunFingerprint(sc, 2));
}

TEST(Determinism, ReusedSimulationGivesTheSameRun) {
  // A Simulation keeps scratch space between runs: it must not leak state.
  const Scenario sc = testing::LoadOrDie(testing::RepoPath("scenarios/sparse_us.yaml"));
  Simulation sim(sc, testing::BuiltinRegistry());
  MemoryRecorder a, b;
  const RunSummary sa = sim.Run(5, &a);
  sim.Run(6);
  const RunSummary sb = sim.Run(5, &b);
  EXPECT_EQ(Fingerprint(sc, a, sa), Fingerprint(sc, b, sb));
}

TEST(Determinism, FileOrderChangesNothing) {
  // The same eight-actor scenario written in a different order.
  const Scenario a = testing::LoadOrDie(testing::RepoPath("tests/data/eight_actors.yaml"));
  const Scenario b = testing::LoadOrDie(testing::RepoPath("tests/data/eight_actors_shuffled.yaml"));
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    EXPECT_EQ(RunFingerprint(a, seed), RunFingerprint(b, seed)) << "seed " << seed;
  }
}

}  // namespace
}  // namespace overstretch
