// JSON text appended straight to a string, without building a tree: the
// lines of events.jsonl, one per decision, written in the turn's inner loop.
// The bytes are exactly those nlohmann's dump(-1, ' ', false, replace) gives
// for the same values in the same order (DumpJson, tools/runio/summary_json.h),
// so switching a writer from a tree to this leaves every output unchanged.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace overstretch::cli {

// Appends `text` as a JSON string: quotes, backslashes and control characters
// escaped as nlohmann escapes them; invalid UTF-8 replaced by U+FFFD.
void AppendJsonString(std::string& out, std::string_view text);

// Appends `x` as nlohmann writes a double ("0.5", "1.0", "1e-05"), or null
// when it is not finite (as JsonNumber makes it).
void AppendJsonNumber(std::string& out, double x);

// Values, keys and brackets appended to `out`; commas are placed by looking
// at the last character written, so a caller just lists what it writes.
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Number(double value);  // null when not finite
  JsonWriter& Integer(std::int64_t value);
  JsonWriter& Unsigned(std::uint64_t value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();

 private:
  void Separate();
  std::string& out_;
};

}  // namespace overstretch::cli
