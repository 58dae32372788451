#include "engine/model_registry.h"

#include <stdexcept>

namespace overstretch {

void ModelRegistry::Register(ModelInfo info) {
  if (info.name.empty()) throw std::invalid_argument("actor model with an empty name");
  if (!info.make) throw std::invalid_argument("actor model '" + info.name + "' has no factory");
  const std::string name = info.name;
  if (!models_.emplace(name, std::move(info)).second) {
    throw std::invalid_argument("actor model '" + name + "' registered twice");
  }
}

const ModelInfo* ModelRegistry::Find(const std::string& name) const {
  auto it = models_.find(name);
  return it == models_.end() ? nullptr : &it->second;
}

std::vector<std::string> ModelRegistry::Names() const {
  std::vector<std::string> names;
  names.reserve(models_.size());
  for (const auto& [name, info] : models_) names.push_back(name);
  return names;  // std::map keeps them sorted
}

}  // namespace overstretch
