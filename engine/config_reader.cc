#include "engine/config_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <system_error>

namespace overstretch {
namespace {

// Longer scalars are cut in messages: a 1 MB string must not make a 1 MB message.
constexpr std::size_t kMaxQuotedLength = 40;

std::string FormatBound(double x) { return fmt::format("{:g}", x); }

std::string WithUnits(const std::string& text, std::string_view units) {
  if (units.empty()) return text;
  return fmt::format("{} ({})", text, units);
}

// "got 'abc'", "got a sequence", "got nothing".
std::string Got(const ConfigNode& node) {
  if (node.IsScalar()) return "got " + Quote(node.scalar);
  return std::string("got ") + KindName(node.kind);
}

bool IsSpecialFloat(std::string_view text) {
  static constexpr std::string_view kSpecial[] = {".inf",  ".Inf",  ".INF",  "+.inf",
                                                  "+.Inf", "+.INF", "-.inf", "-.Inf",
                                                  "-.INF", ".nan",  ".NaN",  ".NAN"};
  return std::find(std::begin(kSpecial), std::end(kSpecial), text) != std::end(kSpecial);
}

}  // namespace

bool Range::Contains(double x) const {
  const bool above_min = min_open ? x > min : x >= min;
  const bool below_max = max_open ? x < max : x <= max;
  return above_min && below_max;
}

std::string Range::Describe() const {
  const bool has_min = std::isfinite(min);
  const bool has_max = std::isfinite(max);
  if (has_min && has_max) {
    return fmt::format("{}{}, {}{}", min_open ? '(' : '[', FormatBound(min), FormatBound(max),
                       max_open ? ')' : ']');
  }
  if (has_min) return fmt::format("{} {}", min_open ? ">" : ">=", FormatBound(min));
  if (has_max) return fmt::format("{} {}", max_open ? "<" : "<=", FormatBound(max));
  return "any finite number";
}

bool IsValidId(std::string_view text) {
  if (text.empty() || text.size() > kMaxIdLength) return false;
  auto alpha = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (!alpha(text.front())) return false;
  return std::all_of(text.begin(), text.end(),
                     [&](char c) { return alpha(c) || digit(c) || c == '_'; });
}

std::string Quote(std::string_view text) {
  if (text.size() <= kMaxQuotedLength) return fmt::format("'{}'", text);
  return fmt::format("'{}...' ({} characters)", text.substr(0, kMaxQuotedLength), text.size());
}

std::optional<double> ParseNumber(std::string_view text) {
  if (IsSpecialFloat(text)) {
    if (text.find("nan") != std::string_view::npos || text.find("NaN") != std::string_view::npos ||
        text.find("NAN") != std::string_view::npos) {
      return std::numeric_limits<double>::quiet_NaN();
    }
    return text.front() == '-' ? -std::numeric_limits<double>::infinity()
                               : std::numeric_limits<double>::infinity();
  }
  std::string_view digits = text;
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  if (digits.empty()) return std::nullopt;
  // from_chars also reads "inf" and "nan": YAML spells them .inf and .nan, and
  // a bare "inf" is a string, so only digits, a sign or a point may start.
  const char first = digits.front();
  if (!(first == '-' || first == '.' || (first >= '0' && first <= '9'))) return std::nullopt;
  double value = 0.0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (end != digits.data() + digits.size()) return std::nullopt;
  if (error == std::errc::result_out_of_range) {
    // 1e400 overflows (reported as not finite); 1e-400 underflows, harmlessly: 0.
    const std::size_t exponent = digits.find_first_of("eE");
    const bool underflow = exponent != std::string_view::npos && exponent + 1 < digits.size() &&
                           digits[exponent + 1] == '-';
    if (underflow) return 0.0;
    return digits.front() == '-' ? -std::numeric_limits<double>::infinity()
                                 : std::numeric_limits<double>::infinity();
  }
  if (error != std::errc()) return std::nullopt;
  return value;
}

std::string JoinPath(const std::string& parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  return parent + "." + std::string(key);
}

ConfigReader::ConfigReader(std::string file, Diagnostics* diagnostics)
    : file_(std::move(file)), diagnostics_(diagnostics) {}

void ConfigReader::Error(const ConfigNode& at, const std::string& message) const {
  if (diagnostics_->size() >= kMaxDiagnostics) {
    ++dropped_;
    return;
  }
  if (at.line > 0) {
    diagnostics_->Error(file_, at.line, at.column, message);
  } else {
    diagnostics_->Error(at.origin.empty() ? file_ : at.origin, 0, 0, message);
  }
}

std::string ConfigReader::Where(const ConfigNode& node) const {
  if (node.line > 0) return fmt::format("line {}, column {}", node.line, node.column);
  return node.origin.empty() ? file_ : node.origin;
}

bool ConfigReader::ExpectMap(const ConfigNode& node, const std::string& path,
                             std::initializer_list<std::string_view> allowed) const {
  std::vector<std::string> keys(allowed.begin(), allowed.end());
  return ExpectMap(node, path, keys);
}

bool ConfigReader::ExpectMap(const ConfigNode& node, const std::string& path,
                             const std::vector<std::string>& allowed) const {
  const std::string where = path.empty() ? "the top level" : path;
  if (!node.IsMap()) {
    Error(node, fmt::format("{}: expected a map, {}", where, Got(node)));
    return false;
  }
  std::map<std::string, const ConfigNode*> seen;
  for (const ConfigEntry& entry : node.entries) {
    if (!entry.key.IsScalar()) {
      Error(entry.key, fmt::format("{}: keys must be plain names, {}", where, Got(entry.key)));
      continue;
    }
    const std::string& key = entry.key.scalar;
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      const std::string nearest = NearestCandidate(key, allowed);
      std::string message = fmt::format("unknown key {} in {}", Quote(key), where);
      if (!nearest.empty()) {
        message += fmt::format(" (did you mean '{}'?)", nearest);
      } else if (allowed.empty()) {
        message += "; no keys are allowed here";
      } else {
        std::string list;
        for (const std::string& a : allowed) list += (list.empty() ? "" : ", ") + a;
        message += fmt::format("; valid keys: {}", list);
      }
      Error(entry.key, message);
      continue;
    }
    auto [it, inserted] = seen.emplace(key, &entry.key);
    if (!inserted) {
      Error(entry.key, fmt::format("duplicate key {} in {} (first given at {})", Quote(key), where,
                                   Where(*it->second)));
    }
  }
  return true;
}

bool ConfigReader::ExpectMapOfIds(const ConfigNode& node, const std::string& path,
                                  std::string_view what) const {
  if (!node.IsMap()) {
    Error(node, fmt::format("{}: expected a map of {} ids, {}", path, what, Got(node)));
    return false;
  }
  std::map<std::string, const ConfigNode*> seen;
  for (const ConfigEntry& entry : node.entries) {
    if (!Id(entry.key, path, what)) continue;
    auto [it, inserted] = seen.emplace(entry.key.scalar, &entry.key);
    if (!inserted) {
      Error(entry.key, fmt::format("duplicate {} id {} in {} (first given at {})", what,
                                   Quote(entry.key.scalar), path, Where(*it->second)));
    }
  }
  return true;
}

bool ConfigReader::ExpectSequence(const ConfigNode& node, const std::string& path) const {
  if (node.IsSequence()) return true;
  Error(node, fmt::format("{}: expected a sequence, {}", path, Got(node)));
  return false;
}

const ConfigNode* ConfigReader::Require(const ConfigNode& map, std::string_view key,
                                        const std::string& path) const {
  if (!map.IsMap()) return nullptr;
  const ConfigNode* value = map.Find(key);
  if (value == nullptr) {
    Error(map, fmt::format("missing required key '{}' in {}", key,
                           path.empty() ? "the top level" : path));
  }
  return value;
}

void ConfigReader::Log(const ConfigNode& node, const Range* range) const {
  if (log_ == nullptr) return;
  NodeRead read{&node, range != nullptr, {}};
  if (range != nullptr)
    read.range = Range{range->min, range->max, range->min_open, range->max_open, {}};
  log_->push_back(read);
}

bool ConfigReader::ExpectScalar(const ConfigNode& node, const std::string& path,
                                std::string_view expected) const {
  if (node.IsScalar()) return true;
  Error(node, fmt::format("{}: expected {}, {}", path, expected, Got(node)));
  return false;
}

std::optional<double> ConfigReader::Number(const ConfigNode& node, const std::string& path,
                                           const Range& range) const {
  Log(node, &range);
  if (!ExpectScalar(node, path, "a number")) return std::nullopt;
  const std::optional<double> value = ParseNumber(node.scalar);
  if (!value) {
    Error(node, fmt::format("{}: expected a number, {}", path, Got(node)));
    return std::nullopt;
  }
  if (!std::isfinite(*value)) {
    Error(node, fmt::format("{}: {} is not a finite number; expected {}", path, Quote(node.scalar),
                            WithUnits(range.Describe(), range.units)));
    return std::nullopt;
  }
  if (!range.Contains(*value)) {
    Error(node, fmt::format("{} = {} is out of range: expected {}", path,
                            node.scalar.size() > 40 ? Quote(node.scalar) : node.scalar,
                            WithUnits(range.Describe(), range.units)));
    return std::nullopt;
  }
  return value;
}

std::optional<long long> ConfigReader::Integer(const ConfigNode& node, const std::string& path,
                                               long long min, long long max,
                                               std::string_view units) const {
  Log(node, nullptr);
  const Range range{static_cast<double>(min), static_cast<double>(max), false, false, units};
  if (!ExpectScalar(node, path, "an integer")) return std::nullopt;
  const std::optional<double> value = ParseNumber(node.scalar);
  if (!value || (std::isfinite(*value) && std::floor(*value) != *value)) {
    Error(node, fmt::format("{}: expected an integer, {}", path, Got(node)));
    return std::nullopt;
  }
  const std::optional<double> checked = Number(node, path, range);
  if (!checked) return std::nullopt;
  return static_cast<long long>(*checked);
}

std::optional<std::uint64_t> ConfigReader::Unsigned64(const ConfigNode& node,
                                                      const std::string& path) const {
  Log(node, nullptr);
  if (!ExpectScalar(node, path, "a non-negative integer")) return std::nullopt;
  std::string_view text = node.scalar;
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || end != text.data() + text.size() || error != std::errc()) {
    Error(node,
          fmt::format("{}: expected an integer in [0, 18446744073709551615], {}", path, Got(node)));
    return std::nullopt;
  }
  return value;
}

std::optional<bool> ConfigReader::Bool(const ConfigNode& node, const std::string& path) const {
  Log(node, nullptr);
  if (!ExpectScalar(node, path, "true or false")) return std::nullopt;
  const std::string& text = node.scalar;
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  Error(node, fmt::format("{}: expected true or false, {}", path, Got(node)));
  return std::nullopt;
}

std::optional<std::string> ConfigReader::String(const ConfigNode& node,
                                                const std::string& path) const {
  Log(node, nullptr);
  if (!ExpectScalar(node, path, "a string")) return std::nullopt;
  return node.scalar;
}

std::optional<std::string> ConfigReader::Id(const ConfigNode& node, const std::string& path,
                                            std::string_view what) const {
  Log(node, nullptr);
  if (!ExpectScalar(node, path, fmt::format("{} id", what))) return std::nullopt;
  if (!IsValidId(node.scalar)) {
    Error(node, fmt::format("{}: {} is not a valid {} id: ids are a letter followed by up to {} "
                            "letters, digits or underscores",
                            path, Quote(node.scalar), what, kMaxIdLength - 1));
    return std::nullopt;
  }
  return node.scalar;
}

std::optional<LatLon> ConfigReader::Location(const ConfigNode& node,
                                             const std::string& path) const {
  if (!node.IsSequence() || node.items.size() != 2) {
    Error(node, fmt::format("{}: expected [latitude, longitude] in degrees, {}", path,
                            node.IsSequence() ? fmt::format("got {} numbers", node.items.size())
                                              : Got(node)));
    return std::nullopt;
  }
  const auto lat = Number(node.items[0], path + ".0", Range{-90, 90, false, false, "degrees"});
  const auto lon = Number(node.items[1], path + ".1", Range{-180, 180, false, false, "degrees"});
  if (!lat || !lon) return std::nullopt;
  return LatLon{*lat, *lon};
}

bool ConfigReader::Table(const ConfigNode& node, const std::string& path, const Range& range,
                         EscalationTable* table) const {
  if (!node.IsSequence() || node.items.size() != table->size()) {
    Error(node,
          fmt::format("{}: expected {} numbers, one per escalation level 0..{}, {}", path,
                      table->size(), table->size() - 1,
                      node.IsSequence() ? fmt::format("got {}", node.items.size()) : Got(node)));
    return false;
  }
  bool ok = true;
  EscalationTable values = *table;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const auto value = Number(node.items[i], fmt::format("{}.{}", path, i), range);
    if (value) {
      values[i] = *value;
    } else {
      ok = false;
    }
  }
  if (ok) *table = values;
  return ok;
}

void ConfigReader::ReadNumber(const ConfigNode& map, std::string_view key, const std::string& path,
                              const Range& range, double* out) const {
  if (!map.IsMap()) return;
  if (const ConfigNode* node = map.Find(key)) {
    if (const auto value = Number(*node, JoinPath(path, key), range)) *out = *value;
  }
}

void ConfigReader::ReadBool(const ConfigNode& map, std::string_view key, const std::string& path,
                            bool* out) const {
  if (!map.IsMap()) return;
  if (const ConfigNode* node = map.Find(key)) {
    if (const auto value = Bool(*node, JoinPath(path, key))) *out = *value;
  }
}

void ConfigReader::ReadString(const ConfigNode& map, std::string_view key, const std::string& path,
                              std::string* out) const {
  if (!map.IsMap()) return;
  if (const ConfigNode* node = map.Find(key)) {
    if (const auto value = String(*node, JoinPath(path, key))) *out = *value;
  }
}

}  // namespace overstretch
