// Shared by the libFuzzer targets (tests/fuzz/, docs/reliability.md): the
// registry of built-in models and the repository root, fixed at build time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "actors/builtin_models.h"
#include "engine/model_registry.h"

namespace overstretch::fuzz {

inline const ModelRegistry& Registry() { return BuiltinModels(); }

inline std::string RepoPath(const std::string& relative) {
  return std::string(OVERSTRETCH_SOURCE_DIR) + "/" + relative;
}

inline std::string_view Text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace overstretch::fuzz
