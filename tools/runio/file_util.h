// Small file and argument helpers shared by the commands.
#pragma once

#include <filesystem>
#include <string>

namespace overstretch::cli {

// Writes `text` next to `path` and renames it into place, so a reader never
// sees half a file. False, with *error set, when `path` names a directory or
// the write fails (the temporary file is then removed); *error then says
// why (the system's reason, e.g. "No space left on device").
bool WriteFileAtomically(const std::filesystem::path& path, const std::string& text,
                         std::string* error);

// A file-system-safe directory name from a scenario name: the name is free
// text, and must not climb out of runs/ or hide as a dot file.
std::string SafeName(const std::string& name);

// Whether `text` is a plain decimal integer (a leading '-' only if signed_ok),
// short enough to parse without overflow checks of its own.
bool IsDecimal(const std::string& text, bool signed_ok = false);

}  // namespace overstretch::cli
