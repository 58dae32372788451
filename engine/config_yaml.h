// The scenario loader's YAML parsing, for other configuration files read with
// ConfigReader (engine/config_reader.h), such as study files: one definition
// of the safety checks (binary data, nesting depth, anchors and aliases, one
// document, node count) and of the syntax messages, each at its position.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/config_tree.h"
#include "engine/diagnostics.h"

namespace overstretch {

// Parses one YAML document into a tree whose nodes carry their positions in
// `file`. nullopt after reporting in *diagnostics if the text is not
// acceptable YAML; a text without a document (empty, blank, only comments)
// gives a null node with line 0.
std::optional<ConfigNode> ParseConfigYaml(std::string_view text, const std::string& file,
                                          Diagnostics* diagnostics);

}  // namespace overstretch
