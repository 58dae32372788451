// Model parameters declared once (actors/model_params.h): bound by name, and
// docs/actors.md's parameter tables held to the registered specs.
#include "actors/model_params.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.h"

namespace overstretch {
namespace {

struct TwoParams {
  double first = 1.0;
  double second = 2.0;
};

// Declared in the opposite order of the struct: binding must follow names.
const ParamTable<TwoParams> kTable = {
    {"second", &TwoParams::second, 0.0, 10.0, "turns", "the second"},
    {"first", &TwoParams::first, 0.0, 10.0, "1", "the first"},
};

TEST(ModelParams, SpecsTakeTheirDefaultsFromTheStruct) {
  const std::vector<ParamSpec> specs = ParamSpecs(kTable);
  ASSERT_EQ(specs.size(), 2u);
  EXPECT_EQ(specs[0].name, "second");
  EXPECT_DOUBLE_EQ(specs[0].default_value, 2.0);
  EXPECT_EQ(specs[0].unit, "turns");
  EXPECT_EQ(specs[1].name, "first");
  EXPECT_DOUBLE_EQ(specs[1].default_value, 1.0);
}

TEST(ModelParams, BindsByName) {
  const TwoParams p = BindParams(kTable, ModelParams{{"first", 7.0}, {"second", 9.0}});
  EXPECT_DOUBLE_EQ(p.first, 7.0);
  EXPECT_DOUBLE_EQ(p.second, 9.0);
  const TwoParams partial = BindParams(kTable, ModelParams{{"second", 5.0}});
  EXPECT_DOUBLE_EQ(partial.first, 1.0);  // the default
  EXPECT_DOUBLE_EQ(partial.second, 5.0);
  EXPECT_THROW(BindParams(kTable, ModelParams{{"third", 1.0}}), std::invalid_argument);
}

TEST(ModelParams, ATableBindingOneMemberTwiceIsRejected) {
  const ParamTable<TwoParams> twice = {{"a", &TwoParams::first, 0, 1, "1", "a"},
                                       {"b", &TwoParams::first, 0, 1, "1", "b"}};
  EXPECT_THROW(ParamSpecs(twice), std::invalid_argument);
  const ParamTable<TwoParams> same_name = {{"a", &TwoParams::first, 0, 1, "1", "a"},
                                           {"a", &TwoParams::second, 0, 1, "1", "b"}};
  EXPECT_THROW(ParamSpecs(same_name), std::invalid_argument);
}

TEST(ModelParams, ScenarioValuesReachTheModelByName) {
  // The loader fills every parameter (defaults included) into the actor's
  // map; the model's Params come out of it by name.
  const Scenario sc =
      testing::LoadOrDie(testing::RepoPath("scenarios/sparse_us.yaml"),
                         {{"actors.US.model", "us"}, {"actors.US.params.request_gain", "0.25"}});
  const ActorDef* us = nullptr;
  for (const ActorDef& a : sc.actors) {
    if (a.id == "US") us = &a;
  }
  ASSERT_NE(us, nullptr);
  EXPECT_DOUBLE_EQ(us->model_params.at("request_gain"), 0.25);
  EXPECT_DOUBLE_EQ(us->model_params.at("priority_exponent"), 1.0);
}

// One row of a parameter table in docs/actors.md.
struct DocRow {
  std::string name, unit, default_value;
};

std::vector<std::string> Cells(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream in(line);
  std::string cell;
  std::getline(in, cell, '|');  // before the first bar
  while (std::getline(in, cell, '|')) {
    const auto begin = cell.find_first_not_of(' ');
    const auto end = cell.find_last_not_of(' ');
    cells.push_back(begin == std::string::npos ? "" : cell.substr(begin, end - begin + 1));
  }
  if (!cells.empty() && cells.back().empty()) cells.pop_back();  // after the last bar
  return cells;
}

std::string Unquote(const std::string& s) {
  return s.size() >= 2 && s.front() == '`' && s.back() == '`' ? s.substr(1, s.size() - 2) : s;
}

// The first parameter table under each "## `model`" heading, by model name.
std::map<std::string, std::vector<DocRow>> DocTables(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in) << "cannot read " << path;
  std::map<std::string, std::vector<DocRow>> tables;
  std::string line, model;
  std::vector<std::string> head;
  while (std::getline(in, line)) {
    if (line.rfind("## `", 0) == 0) {
      model = line.substr(4, line.find('`', 4) - 4);
      head.clear();
    } else if (!model.empty() && line.rfind("| parameter |", 0) == 0 && !tables.count(model)) {
      head = Cells(line);
      tables[model];
    } else if (!head.empty() && line.rfind("| `", 0) == 0) {
      const std::vector<std::string> cells = Cells(line);
      std::map<std::string, std::string> row;
      for (std::size_t c = 0; c < head.size() && c < cells.size(); ++c) row[head[c]] = cells[c];
      tables[model].push_back({Unquote(row["parameter"]), row["unit"], row["default"]});
    } else if (line.empty()) {
      head.clear();
    }
  }
  return tables;
}

TEST(ModelParams, DocsTablesMatchTheRegisteredSpecs) {
  const auto tables = DocTables(testing::RepoPath("docs/actors.md"));
  for (const auto& [name, model] : testing::BuiltinRegistry().all()) {
    if (model.params.empty()) continue;
    SCOPED_TRACE("model " + name);
    const auto it = tables.find(name);
    ASSERT_NE(it, tables.end()) << "docs/actors.md has no parameter table under ## `" << name
                                << "`";
    const std::vector<DocRow>& rows = it->second;
    ASSERT_EQ(rows.size(), model.params.size());
    for (std::size_t p = 0; p < rows.size(); ++p) {
      const ParamSpec& spec = model.params[p];
      EXPECT_EQ(rows[p].name, spec.name) << "row " << p;
      EXPECT_EQ(rows[p].unit, spec.unit) << spec.name;
      EXPECT_DOUBLE_EQ(std::stod(rows[p].default_value), spec.default_value) << spec.name;
    }
  }
}

}  // namespace
}  // namespace overstretch
