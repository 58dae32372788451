#include "actors/doctrine_model.h"

#include <algorithm>

#include "engine/logit_choice.h"

namespace overstretch {

double DoctrineUtility(const DecisionContext& ctx, const TheaterView& view,
                       const TheaterChoice& option, bool challenger) {
  DoctrineTerms terms(ctx, view, challenger);
  return terms.Utility(option);
}

std::size_t ChooseOption(std::span<const double> utilities, const Doctrine& doctrine,
                         RandomStream& rng, std::span<double> probabilities, double* draw) {
  *draw = -1.0;
  if (utilities.size() <= 1 || doctrine.argmax) {
    const std::size_t best = ArgMax(utilities);
    std::fill(probabilities.begin(), probabilities.end(), 0.0);
    if (!probabilities.empty()) probabilities[best] = 1.0;
    return best;
  }
  LogitProbabilities(utilities, doctrine.rationality, probabilities);
  *draw = rng.Uniform();
  return SampleIndex(probabilities, *draw);
}

void DoctrineModel::Decide(const DecisionContext& ctx, RandomStream& rng,
                           DecisionOutput& out) const {
  OptionSet options;
  // Written for the first options.size entries of each view before any is read.
  std::array<double, OptionSet::kCapacity> utilities;
  std::array<double, OptionSet::kCapacity> probabilities;
  for (std::size_t a = 0; a < ctx.theaters.size(); ++a) {
    const TheaterView& view = ctx.theaters[a];
    const bool challenger = IsChallenger(ctx.scenario, ctx.self, view.theater);
    LegalOptions(view, ctx.doctrine, challenger, options);
    const TheaterChoice first = options.items[0];
    std::size_t allowed = 0;
    for (std::size_t o = 0; o < options.size; ++o) {
      if (Allows(ctx, view, options.items[o])) options.items[allowed++] = options.items[o];
    }
    options.size = allowed;
    if (options.size == 0) options.Add(first);
    const std::span<double> weighed(utilities.data(), options.size);
    DoctrineTerms terms(ctx, view, challenger);
    for (std::size_t o = 0; o < options.size; ++o) weighed[o] = terms.Utility(options.items[o]);
    Adjust(ctx, view, terms, options.view(), weighed);
    double draw = -1.0;
    const std::size_t pick = ChooseOption(weighed, ctx.doctrine, rng,
                                          std::span(probabilities.data(), options.size), &draw);
    out.choices[a] = options.items[pick];
    if (out.log != nullptr && view.side != Side::kNone) {
      for (std::size_t o = 0; o < options.size; ++o) {
        out.log->push_back(DecisionOutput::Logged{
            a, WeighedOption{options.items[o], utilities[o], probabilities[o]}, o == pick, draw});
      }
    }
  }
  Finish(ctx, out.choices.first(ctx.theaters.size()));
}

ModelInfo DoctrineModelInfo() {
  ModelInfo info;
  info.name = "doctrine";
  info.summary =
      "Generic doctrine model: expected utility with the actor's doctrine weights, logit choice.";
  info.make = [](const Scenario&, ActorIndex) { return std::make_unique<DoctrineModel>(); };
  return info;
}

}  // namespace overstretch
