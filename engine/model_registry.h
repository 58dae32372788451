// Registry of actor models by name. Registration is explicit: main() and the
// tests call RegisterBuiltinModels(registry) (actors/builtin_models.h); there
// is no static-initialiser magic, and adding a model touches no engine file.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/actor_model.h"
#include "engine/scenario.h"

namespace overstretch {

// A numeric parameter of a model, given under an actor's `params:` key.
struct ParamSpec {
  std::string name;
  double default_value = 0.0;
  double min = 0.0;
  double max = 1.0;
  std::string unit;         // e.g. "share of A_i", "turns", "1"
  std::string description;  // one line
};

struct ModelInfo {
  std::string name;
  std::string summary;  // one line
  std::vector<ParamSpec> params;
  bool takes_script = false;  // reads the actor's `script:` (ActorDef::script)
  // Builds the model for actor `self` of a validated scenario.
  std::function<std::unique_ptr<ActorModel>(const Scenario&, ActorIndex self)> make;
};

class ModelRegistry {
 public:
  // Throws std::invalid_argument on a duplicate or empty name.
  void Register(ModelInfo info);
  const ModelInfo* Find(const std::string& name) const;
  std::vector<std::string> Names() const;  // sorted
  const std::map<std::string, ModelInfo>& all() const { return models_; }

 private:
  std::map<std::string, ModelInfo> models_;
};

}  // namespace overstretch
