#include "actors/us_model.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <vector>

#include "actors/model_params.h"
#include "engine/contest.h"

namespace overstretch {

double TheaterPriority(const TheaterView& view) {
  if (view.side == Side::kNone) return 0.0;
  return std::max(0.0, view.value) * std::max(0.0, view.pull);
}

void ScaleByPriority(std::span<double> shares, std::span<const double> priorities,
                     double exponent) {
  double total = 0.0;
  for (double s : shares) total += s;
  if (total <= 1.0) return;
  // Water-filling: find the level L at which sum_k min(f_k, L w_k) = 1.
  // Theater k is capped at what it asked (f_k) exactly when f_k <= L w_k;
  // the others get L w_k. Starting from the level with nothing capped, each
  // pass caps at least one more theater or ends, and the capped set only
  // grows, so it ends within shares.size() + 1 passes.
  // A theater of no priority still gets what the others leave: priorities
  // are floored at a tiny positive value (all of them 0: pro rata).
  constexpr double kMinPriority = 1e-9;
  const auto weight = [&](std::size_t k) {
    if (shares[k] <= 0.0) return 0.0;
    return shares[k] * std::pow(std::max(priorities[k], kMinPriority), exponent);
  };
  double level = std::numeric_limits<double>::infinity();
  for (std::size_t pass = 0; pass <= shares.size(); ++pass) {
    double fixed = 0.0, open = 0.0;
    for (std::size_t k = 0; k < shares.size(); ++k) {
      const double w = weight(k);
      if (shares[k] <= level * w && pass > 0) {
        fixed += shares[k];
      } else {
        open += w;
      }
    }
    if (open <= 0.0) break;  // everything is capped: each keeps what it asked
    const double next = std::max(0.0, 1.0 - fixed) / open;
    if (next == level) break;
    level = next;
  }
  for (std::size_t k = 0; k < shares.size(); ++k)
    shares[k] = std::min(shares[k], level * weight(k));
}

double TheaterDemand(const DecisionContext& ctx, const TheaterView& view) {
  if (view.side == Side::kNone) return 0.0;
  const double needed = ctx.stretch_need(view.observed_other);
  const double others = std::max(0.0, view.observed_own - view.own_last_delivered);
  return std::max(0.0, needed - others) / std::max(view.delivery, 1e-9);
}

void UsModel::Finish(const DecisionContext& ctx, std::span<TheaterChoice> choices) const {
  // Scratch for the shares and priorities: inline for the usual handful of
  // theaters, so that deciding does not allocate; heap beyond that.
  constexpr std::size_t kInline = 32;
  std::array<double, 2 * kInline> inline_buffer{};
  std::vector<double> heap_buffer;
  const std::size_t n = choices.size();
  double* buffer = inline_buffer.data();
  if (n > kInline) {
    heap_buffer.assign(2 * n, 0.0);
    buffer = heap_buffer.data();
  }
  const std::span<double> shares(buffer, n);
  const std::span<double> priorities(buffer + n, n);
  for (std::size_t a = 0; a < n; ++a) {
    shares[a] = choices[a].posture == Posture::kDeploy ? std::max(0.0, choices[a].share) : 0.0;
    priorities[a] = TheaterPriority(ctx.theaters[a]);
  }
  ScaleByPriority(shares, priorities, params_.priority_exponent);
  for (std::size_t a = 0; a < n; ++a) {
    TheaterChoice& c = choices[a];
    if (c.posture == Posture::kDeploy) c.share = shares[a];
    const TheaterView& view = ctx.theaters[a];
    if (view.side == Side::kNone) continue;
    // What it cannot cover itself it asks its partners to carry.
    const double demand = TheaterDemand(ctx, view);
    if (demand <= 0.0) continue;
    const double allocated = shares[a] * ctx.available;
    const double uncovered = std::max(0.0, demand - allocated) / demand;
    c.request = std::clamp(params_.request_gain * uncovered, 0.0, 1.0);
  }
}

ModelInfo UsModelInfo() {
  return ParamModelInfo<UsModel>(
      "us",
      "Doctrine model plus priority allocation across theaters (value x pull) and requests to "
      "partners where its allocation falls short of its demand.",
      ParamTable<UsParams>{
          {"priority_exponent", &UsParams::priority_exponent, 0.0, 8.0, "1",
           "gamma: over-committed shares are scaled by share x (value x pull)^gamma; 0 = pro rata"},
          {"request_gain", &UsParams::request_gain, 0.0, 10.0,
           "request per uncovered share of demand",
           "request_k = min(1, gain x uncovered share of its demand in k)"},
      });
}

}  // namespace overstretch
