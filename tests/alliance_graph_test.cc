// Strongest chains of commitment (Dijkstra on -log(m * tau), docs/model.md §3.5) and
// Brandes betweenness on the commitment graph (docs/model.md §3.9), against
// hand-computed graphs.
#include "engine/alliance_graph.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <utility>
#include <vector>

namespace overstretch {
namespace {

constexpr double kTol = 1e-12;

TieState MakeTie(int from, int to, double commitment, double trust) {
  TieState tie;
  tie.from = ActorIndex(from);
  tie.to = ActorIndex(to);
  tie.attrs.commitment = commitment;
  tie.attrs.trust = trust;
  return tie;
}

// A = 0, B = 1, C = 2, D = 3 (isolated). A -> B -> C carries 0.9 * 0.9 = 0.81,
// the direct tie A -> C only 0.5 * 1.0 = 0.5.
std::vector<TieState> TriangleTies() {
  return {MakeTie(0, 1, 1.0, 0.9), MakeTie(0, 2, 0.5, 1.0), MakeTie(1, 2, 0.9, 1.0)};
}

double At(const std::vector<double>& p, std::size_t n, int i, int j) {
  return p[static_cast<std::size_t>(i) * n + static_cast<std::size_t>(j)];
}

TEST(AllianceGraphTest, TwoHopChainBeatsWeakDirectTie) {
  AllianceGraph graph(4);
  const std::vector<TieState> ties = TriangleTies();
  graph.Rebuild(ties);
  std::vector<double> p;
  graph.StrongestChains(p);
  ASSERT_EQ(p.size(), 16u);
  EXPECT_NEAR(At(p, 4, 0, 2), 0.81, kTol);  // max(0.9 * 0.9, 0.5)
  EXPECT_NEAR(At(p, 4, 0, 1), 0.9, kTol);
  EXPECT_NEAR(At(p, 4, 1, 2), 0.9, kTol);
}

TEST(AllianceGraphTest, UnreachableIsZeroAndDiagonalIsOne) {
  AllianceGraph graph(4);
  const std::vector<TieState> ties = TriangleTies();
  graph.Rebuild(ties);
  std::vector<double> p;
  graph.StrongestChains(p);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(At(p, 4, i, i), 1.0) << i;
  // Ties are directed: nothing leads back to A, and D has no ties at all.
  EXPECT_EQ(At(p, 4, 1, 0), 0.0);
  EXPECT_EQ(At(p, 4, 2, 0), 0.0);
  EXPECT_EQ(At(p, 4, 2, 1), 0.0);
  for (int j = 0; j < 3; ++j) {
    EXPECT_EQ(At(p, 4, 3, j), 0.0) << j;
    EXPECT_EQ(At(p, 4, j, 3), 0.0) << j;
  }
}

TEST(AllianceGraphTest, FullStrengthChainKeepsProductOne) {
  // m * tau == 1 gives weight -log(1) == 0, which Dijkstra must accept.
  AllianceGraph graph(3);
  const std::vector<TieState> ties = {MakeTie(0, 1, 1.0, 1.0), MakeTie(1, 2, 1.0, 1.0)};
  graph.Rebuild(ties);
  std::vector<double> p;
  graph.StrongestChains(p);
  EXPECT_EQ(At(p, 3, 0, 2), 1.0);
}

TEST(AllianceGraphTest, TrustUpdateChangesChainAfterUpdateWeights) {
  AllianceGraph graph(4);
  std::vector<TieState> ties = TriangleTies();
  graph.Rebuild(ties);
  std::vector<double> p;
  graph.StrongestChains(p);
  EXPECT_NEAR(At(p, 4, 0, 2), 0.81, kTol);

  // A's trust in B falls to 0.5: the chain is now 0.5 * 0.9 = 0.45 and the
  // direct tie (0.5) wins.
  ties[0].attrs.trust = 0.5;
  graph.StrongestChains(p);
  EXPECT_NEAR(At(p, 4, 0, 2), 0.81, kTol) << "values are read at UpdateWeights only";
  graph.UpdateWeights(ties);
  graph.StrongestChains(p);
  EXPECT_NEAR(At(p, 4, 0, 2), 0.5, kTol);
  EXPECT_NEAR(At(p, 4, 0, 1), 0.5, kTol);

  // Trust 0 switches a tie off without a Rebuild.
  ties[0].attrs.trust = 0.0;
  ties[1].attrs.trust = 0.0;
  graph.UpdateWeights(ties);
  graph.StrongestChains(p);
  EXPECT_EQ(At(p, 4, 0, 1), 0.0);
  EXPECT_EQ(At(p, 4, 0, 2), 0.0);
  EXPECT_NEAR(At(p, 4, 1, 2), 0.9, kTol);

  // And on again.
  ties[0].attrs.trust = 0.9;
  ties[1].attrs.trust = 1.0;
  graph.UpdateWeights(ties);
  graph.StrongestChains(p);
  EXPECT_NEAR(At(p, 4, 0, 2), 0.81, kTol);
}

TEST(AllianceGraphTest, RebuildWithTheSameTiesTakesTheNewValues) {
  // Rebuild keeps the topology when the (from, to) list is unchanged, but it
  // must still read the values.
  AllianceGraph graph(4);
  std::vector<TieState> ties = TriangleTies();
  graph.Rebuild(ties);
  ties[2].attrs.commitment = 0.2;  // B -> C: chain 0.9 * 0.2 = 0.18 < 0.5
  graph.Rebuild(ties);
  std::vector<double> p;
  graph.StrongestChains(p);
  EXPECT_NEAR(At(p, 4, 0, 2), 0.5, kTol);
  EXPECT_NEAR(At(p, 4, 1, 2), 0.2, kTol);
}

TEST(AllianceGraphTest, RebuildAfterCuttingATie) {
  AllianceGraph graph(4);
  std::vector<TieState> ties = TriangleTies();
  graph.Rebuild(ties);
  ties.erase(ties.begin() + 2);  // cut B -> C
  graph.Rebuild(ties);
  std::vector<double> p;
  graph.StrongestChains(p);
  EXPECT_NEAR(At(p, 4, 0, 2), 0.5, kTol);
  EXPECT_EQ(At(p, 4, 1, 2), 0.0);
  EXPECT_NEAR(At(p, 4, 0, 1), 0.9, kTol);

  // Adding a tie back (and a new one from the isolated D) works the same way.
  ties = TriangleTies();
  ties.push_back(MakeTie(3, 0, 0.5, 0.8));
  graph.Rebuild(ties);
  graph.StrongestChains(p);
  EXPECT_NEAR(At(p, 4, 0, 2), 0.81, kTol);
  EXPECT_NEAR(At(p, 4, 3, 2), 0.4 * 0.81, kTol);
}

TEST(AllianceGraphTest, SingleSourceMatchesFullMatrix) {
  AllianceGraph graph(4);
  const std::vector<TieState> ties = TriangleTies();
  graph.Rebuild(ties);
  std::vector<double> p;
  graph.StrongestChains(p);
  for (int i = 0; i < 4; ++i) {
    std::vector<double> row(4, -1.0);
    graph.StrongestChainsFrom(ActorIndex(i), row);
    for (int j = 0; j < 4; ++j) EXPECT_EQ(row[static_cast<std::size_t>(j)], At(p, 4, i, j));
  }
}

TEST(AllianceGraphTest, MovedGraphKeepsItsTies) {
  AllianceGraph graph(4);
  const std::vector<TieState> ties = TriangleTies();
  graph.Rebuild(ties);
  AllianceGraph moved(std::move(graph));
  EXPECT_EQ(moved.actor_count(), 4u);
  std::vector<double> p;
  moved.StrongestChains(p);
  EXPECT_NEAR(At(p, 4, 0, 2), 0.81, kTol);
}

// Directed star, ties both ways between the centre (0) and L leaves. Every
// ordered pair of distinct leaves (a, b) has exactly one shortest path,
// a -> 0 -> b, so the centre lies on L (L - 1) = (n - 1)(n - 2) of them and
// no leaf lies on any. Boost does not halve for directed graphs.
TEST(AllianceGraphTest, BetweennessOfADirectedStar) {
  constexpr int kLeaves = 4;
  std::vector<TieState> ties;
  for (int leaf = 1; leaf <= kLeaves; ++leaf) ties.push_back(MakeTie(0, leaf, 0.7, 0.8));
  for (int leaf = 1; leaf <= kLeaves; ++leaf) ties.push_back(MakeTie(leaf, 0, 0.7, 0.8));
  std::sort(ties.begin(), ties.end(), [](const TieState& a, const TieState& b) {
    return std::pair(a.from, a.to) < std::pair(b.from, b.to);
  });
  AllianceGraph graph(kLeaves + 1);
  graph.Rebuild(ties);
  std::vector<double> centrality;
  graph.Betweenness(centrality);
  ASSERT_EQ(centrality.size(), static_cast<std::size_t>(kLeaves + 1));
  EXPECT_EQ(centrality[0], 12.0);  // 4 * 3
  for (int leaf = 1; leaf <= kLeaves; ++leaf)
    EXPECT_EQ(centrality[static_cast<std::size_t>(leaf)], 0.0);
}

TEST(AllianceGraphTest, BetweennessOfAPath) {
  // a -> b -> c: only the pair (a, c) passes through b.
  AllianceGraph graph(3);
  const std::vector<TieState> ties = {MakeTie(0, 1, 0.5, 0.8), MakeTie(1, 2, 0.5, 0.8)};
  graph.Rebuild(ties);
  std::vector<double> centrality;
  graph.Betweenness(centrality);
  EXPECT_EQ(centrality, (std::vector<double>{0.0, 1.0, 0.0}));
}

TEST(AllianceGraphTest, BetweennessCountsCommittedTiesOnly) {
  // Betweenness is on commitment alone: trust 0 keeps the edge, commitment 0
  // drops it (and UpdateWeights is enough to change that).
  AllianceGraph graph(3);
  std::vector<TieState> ties = {MakeTie(0, 1, 0.5, 0.0), MakeTie(1, 2, 0.5, 0.8)};
  graph.Rebuild(ties);
  std::vector<double> centrality;
  graph.Betweenness(centrality);
  EXPECT_EQ(centrality[1], 1.0);
  ties[0].attrs.commitment = 0.0;
  graph.UpdateWeights(ties);
  graph.Betweenness(centrality);
  EXPECT_EQ(centrality[1], 0.0);
}

TEST(AllianceGraphTest, BetweennessSplitsEqualPaths) {
  // Diamond 0 -> {1, 2} -> 3: two shortest paths from 0 to 3, half each.
  AllianceGraph graph(4);
  const std::vector<TieState> ties = {MakeTie(0, 1, 1.0, 1.0), MakeTie(0, 2, 1.0, 1.0),
                                      MakeTie(1, 3, 1.0, 1.0), MakeTie(2, 3, 1.0, 1.0)};
  graph.Rebuild(ties);
  std::vector<double> centrality;
  graph.Betweenness(centrality);
  EXPECT_EQ(centrality, (std::vector<double>{0.0, 0.5, 0.5, 0.0}));
}

}  // namespace
}  // namespace overstretch
