// Typed reading of a ConfigNode tree with diagnostics: numbers with ranges and
// units, integers, booleans, strings, ids and map keys, each problem reported
// at the offending node (engine/diagnostics.h) and reading carrying on, so
// that one pass reports every problem. The scenario loader's reader, and the
// one other configuration files (study files) are read with, so that every
// file's errors read the same.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/config_tree.h"
#include "engine/diagnostics.h"
#include "engine/scenario.h"

namespace overstretch {

// An allowed interval of a number, with its units for messages.
struct Range {
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool min_open = false;  // min itself excluded
  bool max_open = false;  // max itself excluded
  std::string_view units;

  bool Contains(double x) const;
  std::string Describe() const;  // "[0, 1)", "> 0", "any finite number"
};

// One typed read of a node, as kept in a read log (ConfigReader::set_read_log):
// a number with the range it was checked against, or any other kind of value.
struct NodeRead {
  const ConfigNode* node = nullptr;
  bool number = false;  // Number(); false: Integer, Unsigned64, Bool, String or Id
  Range range;          // a number's range, without its units
};

inline constexpr std::size_t kMaxIdLength = 32;
inline constexpr std::size_t kMaxDiagnostics = 1000;

// Whether `text` matches [A-Za-z][A-Za-z0-9_]{0,31}.
bool IsValidId(std::string_view text);
// The scalar text for a message, quoted and shortened if long.
std::string Quote(std::string_view text);
// Parses a YAML number: decimal with optional sign, fraction and exponent, or
// .inf/.nan spellings (returned as such so that callers can reject them).
std::optional<double> ParseNumber(std::string_view text);

class ConfigReader {
 public:
  ConfigReader(std::string file, Diagnostics* diagnostics);

  // Reports a problem at `at` (its file position, or the override that made it).
  void Error(const ConfigNode& at, const std::string& message) const;
  // "line 3, column 5", or "--set PATH=VALUE".
  std::string Where(const ConfigNode& node) const;
  std::size_t error_count() const { return diagnostics_->size() + dropped_; }
  // Errors not recorded because kMaxDiagnostics were reported already.
  std::size_t dropped() const { return dropped_; }
  // Keeps every typed read of a scalar in *log from now on (nullptr: none), so
  // that a caller can learn which check each value got.
  void set_read_log(std::vector<NodeRead>* log) { log_ = log; }

  // The node must be a map whose keys are plain scalars from `allowed`; other
  // keys are reported with the nearest allowed one, repeated keys with both
  // positions. False (after reporting) if it is not a map.
  bool ExpectMap(const ConfigNode& node, const std::string& path,
                 std::initializer_list<std::string_view> allowed) const;
  bool ExpectMap(const ConfigNode& node, const std::string& path,
                 const std::vector<std::string>& allowed) const;
  // A map with free keys (ids): checks it is a map and reports repeated keys.
  bool ExpectMapOfIds(const ConfigNode& node, const std::string& path, std::string_view what) const;
  bool ExpectSequence(const ConfigNode& node, const std::string& path) const;

  // The value of `key` in `map`; reports a missing key at the map.
  const ConfigNode* Require(const ConfigNode& map, std::string_view key,
                            const std::string& path) const;

  std::optional<double> Number(const ConfigNode& node, const std::string& path,
                               const Range& range) const;
  std::optional<long long> Integer(const ConfigNode& node, const std::string& path, long long min,
                                   long long max, std::string_view units = {}) const;
  std::optional<std::uint64_t> Unsigned64(const ConfigNode& node, const std::string& path) const;
  std::optional<bool> Bool(const ConfigNode& node, const std::string& path) const;
  std::optional<std::string> String(const ConfigNode& node, const std::string& path) const;
  std::optional<std::string> Id(const ConfigNode& node, const std::string& path,
                                std::string_view what) const;
  std::optional<LatLon> Location(const ConfigNode& node, const std::string& path) const;
  // A sequence of exactly table.size() numbers in `range`.
  bool Table(const ConfigNode& node, const std::string& path, const Range& range,
             EscalationTable* table) const;

  // Optional keys: read into *out when present and valid, else leave *out.
  void ReadNumber(const ConfigNode& map, std::string_view key, const std::string& path,
                  const Range& range, double* out) const;
  void ReadBool(const ConfigNode& map, std::string_view key, const std::string& path,
                bool* out) const;
  void ReadString(const ConfigNode& map, std::string_view key, const std::string& path,
                  std::string* out) const;

 private:
  bool ExpectScalar(const ConfigNode& node, const std::string& path,
                    std::string_view expected) const;
  void Log(const ConfigNode& node, const Range* range) const;

  std::string file_;
  Diagnostics* diagnostics_;
  mutable std::size_t dropped_ = 0;
  std::vector<NodeRead>* log_ = nullptr;
};

// "run.fog" from "run" and "fog"; "fog" from "" and "fog".
std::string JoinPath(const std::string& parent, std::string_view key);

}  // namespace overstretch
