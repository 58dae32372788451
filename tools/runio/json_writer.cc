#include "tools/runio/json_writer.h"

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

namespace overstretch::cli {

namespace {

bool NeedsEscape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\' || c >= 0x80; }

// A 64-bit integer in decimal (20 digits and a sign at most).
template <typename Int>
void AppendDecimal(std::string& out, Int value) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, static_cast<std::size_t>(result.ptr - buffer));
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view text) {
  // Most texts (every key, nearly every id) need no escape: one append.
  std::size_t plain = 0;
  while (plain < text.size() && !NeedsEscape(static_cast<unsigned char>(text[plain]))) ++plain;
  out.push_back('"');
  if (plain == text.size()) {
    out.append(text);
    out.push_back('"');
    return;
  }
  const std::size_t start = out.size() - 1;
  out.append(text.substr(0, plain));
  for (const char ch : text.substr(plain)) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80) {
      // Multi-byte UTF-8, valid or not: nlohmann's rules for replacing an
      // invalid sequence are subtle, so such a string is left to nlohmann
      // itself (rare: ids and labels are nearly always ASCII).
      out.resize(start);
      out += nlohmann::json(std::string(text))
                 .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      return;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 0xF]);
        } else {
          out.push_back(ch);
        }
    }
  }
  out.push_back('"');
}

void AppendJsonNumber(std::string& out, double x) {
  if (!std::isfinite(x)) {
    out += "null";
    return;
  }
  // nlohmann's own double formatting (Grisu2, which round-trips but is not
  // always the shortest text, with its exponent form "1e-05"): fmt's shortest
  // form would differ in both, and outputs are pinned byte for byte.
  char buffer[64];
  const char* end = nlohmann::detail::to_chars(buffer, buffer + sizeof buffer, x);
  out.append(buffer, static_cast<std::size_t>(end - buffer));
}

void JsonWriter::Separate() {
  if (out_.empty()) return;
  const char last = out_.back();
  if (last != '{' && last != '[' && last != ':' && last != '\n') out_.push_back(',');
}

JsonWriter& JsonWriter::BeginObject() {
  Separate();
  out_.push_back('{');
  return *this;
}

JsonWriter& JsonWriter::EndObject() {
  out_.push_back('}');
  return *this;
}

JsonWriter& JsonWriter::BeginArray() {
  Separate();
  out_.push_back('[');
  return *this;
}

JsonWriter& JsonWriter::EndArray() {
  out_.push_back(']');
  return *this;
}

JsonWriter& JsonWriter::Key(std::string_view key) {
  Separate();
  AppendJsonString(out_, key);
  out_.push_back(':');
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view value) {
  Separate();
  AppendJsonString(out_, value);
  return *this;
}

JsonWriter& JsonWriter::Number(double value) {
  Separate();
  AppendJsonNumber(out_, value);
  return *this;
}

JsonWriter& JsonWriter::Integer(std::int64_t value) {
  Separate();
  AppendDecimal(out_, value);
  return *this;
}

JsonWriter& JsonWriter::Unsigned(std::uint64_t value) {
  Separate();
  AppendDecimal(out_, value);
  return *this;
}

JsonWriter& JsonWriter::Bool(bool value) {
  Separate();
  out_ += value ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::Null() {
  Separate();
  out_ += "null";
  return *this;
}

}  // namespace overstretch::cli
