// The streamed JSON of events.jsonl (tools/runio/json_writer.h) against
// nlohmann's dump, the writer it replaced: the same bytes for every string
// (escapes, UTF-8 valid or not), every double and a nested event.
#include "tools/runio/json_writer.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "tools/runio/summary_json.h"

namespace overstretch::cli {
namespace {

using Json = nlohmann::ordered_json;

std::string Streamed(std::string_view text) {
  std::string out;
  AppendJsonString(out, text);
  return out;
}

std::string Streamed(double x) {
  std::string out;
  AppendJsonNumber(out, x);
  return out;
}

TEST(JsonWriter, StringsAreEscapedAsNlohmannEscapesThem) {
  std::vector<std::string> texts = {
      "",
      "plain id_1",
      "say \"no\"",
      "back\\slash \\\" mixed",
      "slash / and del \x7f",
      "tab\there\nnewline\r\f\b",
      "C\xC3\xB4te d'Ivoire",                   // valid 2-byte UTF-8
      "\xE6\x97\xA5\xE6\x9C\xAC",               // valid 3-byte
      "flag \xF0\x9F\x87\xAF\xF0\x9F\x87\xB5",  // valid 4-byte
      "lone \x80 continuation",
      "truncated \xE6\x97",
      "truncated at end \xE6",
      "overlong \xC0\xAF",
      "surrogate \xED\xA0\x80",
      "bad byte \xFF and \xFE",
      "beyond U+10FFFF \xF4\x90\x80\x80",
      "valid \xC3\xA9 then bad \xC3 then \"quote\"",
  };
  std::string controls;
  for (int c = 0; c < 0x20; ++c) controls.push_back(static_cast<char>(c));
  texts.push_back(controls);
  texts.push_back(std::string("nul\0inside", 10));
  for (const std::string& text : texts) {
    EXPECT_EQ(Streamed(text), DumpJson(Json(text))) << "for the text '" << text << "'";
  }
}

TEST(JsonWriter, DoublesAreWrittenAsNlohmannWritesThem) {
  std::vector<double> values = {0.0,
                                -0.0,
                                1.0,
                                -1.0,
                                0.5,
                                0.1,
                                1.0 / 3.0,
                                2.0 / 3.0,
                                1e-5,
                                1e-4,
                                1.5e-4,
                                0.001,
                                123456789012345.0,
                                1e15,
                                1e16,
                                1e17,
                                1e21,
                                1e22,
                                1e300,
                                5e-324,
                                2.2250738585072014e-308,
                                std::numeric_limits<double>::max(),
                                std::numeric_limits<double>::lowest(),
                                std::numeric_limits<double>::epsilon(),
                                9007199254740993.0,
                                0.30000000000000004};
  std::mt19937_64 rng(20261201);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::uniform_int_distribution<int> exponent(-30, 30);
  for (int i = 0; i < 20000; ++i) {
    values.push_back(unit(rng));
    values.push_back(std::ldexp(unit(rng), exponent(rng)) * (i % 2 ? -1.0 : 1.0));
    values.push_back(std::round(unit(rng) * 1e6) / 1e3);  // short decimals, as inputs have
    const double bits = std::bit_cast<double>(rng());     // any finite bit pattern
    if (std::isfinite(bits)) values.push_back(bits);
  }
  for (double x : values) {
    ASSERT_EQ(Streamed(x), DumpJson(Json(x))) << "for " << fmt::format("{:a}", x);
  }
}

TEST(JsonWriter, NonFiniteNumbersAreNullAsJsonNumberMakesThem) {
  for (double x : {std::nan(""), std::numeric_limits<double>::infinity(),
                   -std::numeric_limits<double>::infinity()}) {
    EXPECT_EQ(Streamed(x), "null");
    EXPECT_EQ(Streamed(x), DumpJson(JsonNumber(x)));
  }
}

TEST(JsonWriter, ANestedEventIsTheTreesDump) {
  Json tree;
  tree["type"] = "decision";
  tree["turn"] = 3;
  tree["actor"] = "us";
  tree["options"] = Json::array();
  tree["options"].push_back(Json{{"share", 0.25}, {"ok", true}});
  tree["options"].push_back(Json{{"share", 1e-7}, {"ok", false}});
  tree["empty"] = Json::array();
  tree["chosen"] = std::size_t{18446744073709551615ULL};
  tree["delta"] = std::int64_t{-9223372036854775807LL - 1};
  tree["draw"] = nullptr;
  tree["applied"] = Json{{"posture", "hold"}};

  std::string out = "{\"previous\":1}\n";  // a line already in the buffer
  const std::size_t start = out.size();
  JsonWriter w(out);
  w.BeginObject().Key("type").String("decision").Key("turn").Integer(3).Key("actor").String("us");
  w.Key("options").BeginArray();
  w.BeginObject().Key("share").Number(0.25).Key("ok").Bool(true).EndObject();
  w.BeginObject().Key("share").Number(1e-7).Key("ok").Bool(false).EndObject();
  w.EndArray();
  w.Key("empty").BeginArray().EndArray();
  w.Key("chosen").Unsigned(18446744073709551615ULL);
  w.Key("delta").Integer(-9223372036854775807LL - 1);
  w.Key("draw").Null();
  w.Key("applied").BeginObject().Key("posture").String("hold").EndObject();
  w.EndObject();
  EXPECT_EQ(out.substr(start), DumpJson(tree));
}

}  // namespace
}  // namespace overstretch::cli
