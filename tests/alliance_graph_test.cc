// Strongest chains of commitment (Dijkstra on -log(m * tau), docs/model.md §3.3) and
// Brandes betweenness on the commitment graph (docs/model.md §3.9), against
// hand-computed graphs; the chains searched toward targets against the
// chains searched forward from every source.
#include "engine/alliance_graph.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <span>
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

// Every actor as a target: p[i * n + j] = P_ij.
void AllPairs(AllianceGraph& graph, std::vector<double>& p) {
  std::vector<ActorIndex> all;
  for (std::size_t j = 0; j < graph.actor_count(); ++j) all.push_back(ActorIndex(j));
  const std::span<const double> chains = graph.StrongestChainsTo(all);
  p.assign(chains.begin(), chains.end());
}

TEST(AllianceGraphTest, TwoHopChainBeatsWeakDirectTie) {
  AllianceGraph graph(4);
  const std::vector<TieState> ties = TriangleTies();
  graph.Rebuild(ties);
  std::vector<double> p;
  AllPairs(graph, p);
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
  AllPairs(graph, p);
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
  AllPairs(graph, p);
  EXPECT_EQ(At(p, 3, 0, 2), 1.0);
}

TEST(AllianceGraphTest, TrustUpdateChangesChainAfterUpdateWeights) {
  AllianceGraph graph(4);
  std::vector<TieState> ties = TriangleTies();
  graph.Rebuild(ties);
  std::vector<double> p;
  AllPairs(graph, p);
  EXPECT_NEAR(At(p, 4, 0, 2), 0.81, kTol);

  // A's trust in B falls to 0.5: the chain is now 0.5 * 0.9 = 0.45 and the
  // direct tie (0.5) wins.
  ties[0].attrs.trust = 0.5;
  AllPairs(graph, p);
  EXPECT_NEAR(At(p, 4, 0, 2), 0.81, kTol) << "values are read at UpdateWeights only";
  graph.UpdateWeights(TriangleTies());  // unchanged weights: the last chains stand
  AllPairs(graph, p);
  EXPECT_NEAR(At(p, 4, 0, 2), 0.81, kTol);
  graph.UpdateWeights(ties);
  AllPairs(graph, p);
  EXPECT_NEAR(At(p, 4, 0, 2), 0.5, kTol);
  EXPECT_NEAR(At(p, 4, 0, 1), 0.5, kTol);

  // Trust 0 switches a tie off without a Rebuild.
  ties[0].attrs.trust = 0.0;
  ties[1].attrs.trust = 0.0;
  graph.UpdateWeights(ties);
  AllPairs(graph, p);
  EXPECT_EQ(At(p, 4, 0, 1), 0.0);
  EXPECT_EQ(At(p, 4, 0, 2), 0.0);
  EXPECT_NEAR(At(p, 4, 1, 2), 0.9, kTol);

  // And on again.
  ties[0].attrs.trust = 0.9;
  ties[1].attrs.trust = 1.0;
  graph.UpdateWeights(ties);
  AllPairs(graph, p);
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
  AllPairs(graph, p);
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
  AllPairs(graph, p);
  EXPECT_NEAR(At(p, 4, 0, 2), 0.5, kTol);
  EXPECT_EQ(At(p, 4, 1, 2), 0.0);
  EXPECT_NEAR(At(p, 4, 0, 1), 0.9, kTol);

  // Adding a tie back (and a new one from the isolated D) works the same way.
  ties = TriangleTies();
  ties.push_back(MakeTie(3, 0, 0.5, 0.8));
  graph.Rebuild(ties);
  AllPairs(graph, p);
  EXPECT_NEAR(At(p, 4, 0, 2), 0.81, kTol);
  EXPECT_NEAR(At(p, 4, 3, 2), 0.4 * 0.81, kTol);
}

TEST(AllianceGraphTest, SingleSourceMatchesFullMatrix) {
  // Paths of at most two edges: both directions add the same two weights.
  AllianceGraph graph(4);
  const std::vector<TieState> ties = TriangleTies();
  graph.Rebuild(ties);
  std::vector<double> p;
  AllPairs(graph, p);
  for (int i = 0; i < 4; ++i) {
    std::vector<double> row(4, -1.0);
    graph.StrongestChainsFrom(ActorIndex(i), row);
    for (int j = 0; j < 4; ++j) EXPECT_EQ(row[static_cast<std::size_t>(j)], At(p, 4, i, j));
  }
}

TEST(AllianceGraphTest, TargetsAreColumnsInTheirOrder) {
  AllianceGraph graph(4);
  const std::vector<TieState> ties = TriangleTies();
  graph.Rebuild(ties);
  std::vector<double> p;
  AllPairs(graph, p);
  const std::vector<ActorIndex> targets = {ActorIndex(2), ActorIndex(0)};
  const std::span<const double> some = graph.StrongestChainsTo(targets);
  ASSERT_EQ(some.size(), 8u);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(some[static_cast<std::size_t>(i) * 2], At(p, 4, i, 2)) << i;
    EXPECT_EQ(some[static_cast<std::size_t>(i) * 2 + 1], At(p, 4, i, 0)) << i;
  }
  EXPECT_TRUE(graph.StrongestChainsTo({}).empty());
}

// Random graphs with long chains (out-degree 4, m * tau in [0.5, 1], so
// strongest chains run over many edges): the search toward each target adds
// a path's weights in the opposite order from the search forward from each
// source, which may change the last bits but never by 1e-12 (docs/model.md
// §3.3 defines P; the engine uses the search toward the targets).
TEST(AllianceGraphTest, ChainsTowardTargetsMatchForwardSearches) {
  std::mt19937 rng(13);
  std::uniform_real_distribution<double> unit(0.5, 1.0);
  for (const std::size_t n : {30u, 200u}) {
    std::vector<TieState> ties;
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t d = 1; d <= 4; ++d) {
        const std::size_t j = (i + d * d * 7 + rng() % 5) % n;
        if (j == i || std::any_of(ties.begin(), ties.end(), [&](const TieState& t) {
              return t.from.get() == i && t.to.get() == j;
            })) {
          continue;
        }
        ties.push_back(MakeTie(static_cast<int>(i), static_cast<int>(j), unit(rng), unit(rng)));
      }
    }
    std::sort(ties.begin(), ties.end(), [](const TieState& a, const TieState& b) {
      return std::pair(a.from, a.to) < std::pair(b.from, b.to);
    });
    AllianceGraph graph(n);
    graph.Rebuild(ties);
    std::vector<double> p;
    AllPairs(graph, p);
    double worst = 0.0;
    std::size_t differing = 0, reached = 0;
    for (std::size_t i = 0; i < n; ++i) {
      std::vector<double> row(n);
      graph.StrongestChainsFrom(ActorIndex(i), row);
      for (std::size_t j = 0; j < n; ++j) {
        const double toward = p[i * n + j];
        worst = std::max(worst, std::abs(toward - row[j]));
        if (toward != row[j]) ++differing;
        if (toward > 0.0 && i != j) ++reached;
      }
    }
    EXPECT_LT(worst, 1e-12) << n << " actors, " << differing << " chains differ";
    // Out-degree 4: most of what an actor reaches lies several edges away.
    EXPECT_GT(reached, 5 * n) << "the graph should have chains of several edges";
  }
}

TEST(AllianceGraphTest, MovedGraphKeepsItsTies) {
  AllianceGraph graph(4);
  const std::vector<TieState> ties = TriangleTies();
  graph.Rebuild(ties);
  AllianceGraph moved(std::move(graph));
  EXPECT_EQ(moved.actor_count(), 4u);
  std::vector<double> p;
  AllPairs(moved, p);
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
