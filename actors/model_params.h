// A model's parameters, declared once. Each entry of a model's table names a
// member of its Params struct (whose initialiser is the default) with its
// range, unit and description. From that one table come the ParamSpec list the
// loader checks an actor's `params:` against (unknown keys, ranges, defaults)
// and `overstretch models` prints, and the Params the model is built with,
// bound by name. tests/model_params_test.cc holds docs/actors.md's
// parameter tables to the same specs.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "engine/model_registry.h"

namespace overstretch {

template <class P>
struct ParamField {
  std::string name;   // the key under actors.ID.params
  double P::*member;  // where the value goes; its initialiser is the default
  double min = 0.0;
  double max = 1.0;
  std::string unit;
  std::string description;  // one line
};

template <class P>
using ParamTable = std::vector<ParamField<P>>;

// The specs of `table`, in its order, defaults read from a default P.
// Throws std::invalid_argument when two entries share a name or a member.
template <class P>
std::vector<ParamSpec> ParamSpecs(const ParamTable<P>& table) {
  for (std::size_t a = 0; a < table.size(); ++a) {
    for (std::size_t b = 0; b < a; ++b) {
      if (table[a].name == table[b].name || table[a].member == table[b].member) {
        throw std::invalid_argument("model parameters '" + table[b].name + "' and '" +
                                    table[a].name + "' share a name or a member");
      }
    }
  }
  const P defaults{};
  std::vector<ParamSpec> specs;
  specs.reserve(table.size());
  for (const ParamField<P>& f : table) {
    specs.push_back({f.name, defaults.*f.member, f.min, f.max, f.unit, f.description});
  }
  return specs;
}

// A default P with every value of `values` set on the member its name binds.
// Throws std::invalid_argument on a name not in `table` (the loader has
// already rejected those in scenario files, so this is a programming error).
template <class P>
P BindParams(const ParamTable<P>& table, const ModelParams& values) {
  P params{};
  for (const auto& [name, value] : values) {
    const ParamField<P>* field = nullptr;
    for (const ParamField<P>& f : table) {
      if (f.name == name) field = &f;
    }
    if (field == nullptr) throw std::invalid_argument("no model parameter '" + name + "'");
    params.*field->member = value;
  }
  return params;
}

// The ModelInfo of a model built from its Params alone: Model(const P&).
template <class Model, class P>
ModelInfo ParamModelInfo(std::string name, std::string summary, ParamTable<P> table) {
  ModelInfo info;
  info.name = std::move(name);
  info.summary = std::move(summary);
  info.params = ParamSpecs(table);
  info.make = [table = std::move(table)](const Scenario& scenario, ActorIndex self) {
    return std::make_unique<Model>(BindParams(table, scenario.actors[self.get()].model_params));
  };
  return info;
}

}  // namespace overstretch
