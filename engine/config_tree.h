// A parsed YAML document as plain values: what the scenario loader validates.
// Internal to the loader (engine/scenario_loader.cc parses YAML into it with
// yaml-cpp; engine/scenario_builder.cc reads it); no YAML library type leaks.
//
// Keeping our own tree rather than YAML::Node gives value semantics (Build
// copies it per call, so one parsed file serves many threads), keeps repeated
// map keys (yaml-cpp's Node hides them), and lets nodes created by a --set
// override carry the override's text instead of a file position.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace overstretch {

struct ConfigEntry;

struct ConfigNode {
  enum class Kind : std::uint8_t { kNull, kScalar, kSequence, kMap };

  Kind kind = Kind::kNull;
  std::string scalar;                // kScalar: the text, unquoted
  int line = 0;                      // 1-based; 0 for a node created by an override
  int column = 0;                    // 1-based; 0 for a node created by an override
  std::string origin;                // "--set PATH=VALUE" for a node created by an override
  std::vector<ConfigNode> items;     // kSequence
  std::vector<ConfigEntry> entries;  // kMap, in file order, repeated keys kept

  bool IsNull() const { return kind == Kind::kNull; }
  bool IsScalar() const { return kind == Kind::kScalar; }
  bool IsSequence() const { return kind == Kind::kSequence; }
  bool IsMap() const { return kind == Kind::kMap; }

  // The value of the first entry whose key is the scalar `key`, or nullptr.
  const ConfigNode* Find(std::string_view key) const;
  ConfigNode* Find(std::string_view key);
};

struct ConfigEntry {
  ConfigNode key;
  ConfigNode value;
};

inline const ConfigNode* ConfigNode::Find(std::string_view key) const {
  for (const ConfigEntry& entry : entries) {
    if (entry.key.IsScalar() && entry.key.scalar == key) return &entry.value;
  }
  return nullptr;
}

inline ConfigNode* ConfigNode::Find(std::string_view key) {
  for (ConfigEntry& entry : entries) {
    if (entry.key.IsScalar() && entry.key.scalar == key) return &entry.value;
  }
  return nullptr;
}

// "nothing", "a scalar", "a sequence" or "a map", for messages.
inline const char* KindName(ConfigNode::Kind kind) {
  switch (kind) {
    case ConfigNode::Kind::kNull:
      return "nothing";
    case ConfigNode::Kind::kScalar:
      return "a scalar";
    case ConfigNode::Kind::kSequence:
      return "a sequence";
    case ConfigNode::Kind::kMap:
      return "a map";
  }
  return "?";
}

}  // namespace overstretch
