// Plain-text tables and safe text for the terminal summaries of `run`,
// `analyze` and `discover`.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace overstretch::cli {

// `text` with control characters (below 0x20, and 0x7f) replaced by '?':
// names and paths from scenario, study and results files are free text, kept
// from driving the terminal.
std::string Printable(std::string text);

// Prints `head` and then `rows`, each line starting with `indent`; the first
// column left-aligned, the others right-aligned, two spaces between columns,
// every column as wide as its widest cell.
void PrintTable(std::ostream& out, const std::vector<std::string>& head,
                const std::vector<std::vector<std::string>>& rows, const std::string& indent = "");

}  // namespace overstretch::cli
