// The `overstretch` command line, run in-process through RunCli: the files
// of `run` (headers, one row per turn and entity, byte-identical reruns,
// nothing written on error), `validate`, `graph` and `models`.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "actors/builtin_models.h"
#include "engine/metrics.h"
#include "engine/version.h"
#include "tests/test_support.h"
#include "tools/cli/commands.h"

namespace overstretch::cli {
namespace {

namespace fs = std::filesystem;
using testing::Count;
using testing::Lines;
using testing::ReadFile;
using testing::WriteFile;

const std::string kSmall = std::string(OVERSTRETCH_TEST_DATA) + "/cli/small.yaml";
const std::string kBroken = std::string(OVERSTRETCH_TEST_DATA) + "/cli/broken.yaml";

class CliTest : public testing::CommandLineTest {
 protected:
  // Runs the small scenario into dir_/NAME and returns the run directory.
  fs::path RunSmall(const std::string& name, std::vector<std::string> extra = {}) {
    const fs::path out = dir_ / name;
    std::vector<std::string> args = {"run", kSmall, "--out", out.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    EXPECT_EQ(Cli(args), kExitOk) << err_.str();
    return out;
  }

  // Everything in dir_ (to check that nothing half-written is left behind).
  std::set<std::string> Entries() const {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      names.insert(entry.path().filename().string());
    }
    return names;
  }
};

TEST_F(CliTest, RunWritesEveryFileWithOneRowPerTurnAndEntity) {
  const fs::path run = RunSmall("run");
  for (const char* file :
       {"theaters.csv", "actors.csv", "network.csv", "turns.csv", "events.jsonl", "summary.json"}) {
    EXPECT_TRUE(fs::is_regular_file(run / file)) << file;
  }
  EXPECT_NE(out_.str().find("cli_small"), std::string::npos);
  EXPECT_NE(out_.str().find("wrote " + run.string() + "/"), std::string::npos) << out_.str();

  const nlohmann::json summary = nlohmann::json::parse(ReadFile(run / "summary.json"));
  const int turns = summary["turns_played"].get<int>();
  ASSERT_GT(turns, 0);

  const auto theaters = Lines(ReadFile(run / "theaters.csv"));
  ASSERT_FALSE(theaters.empty());
  EXPECT_EQ(theaters[0],
            "turn,theater,status,escalation,control,p_challengers,phi_challengers,phi_defenders,"
            "coalition_challengers,coalition_defenders,patron_share,patron_delivered,"
            "allied_delivered,losses_challengers,losses_defenders");
  EXPECT_EQ(theaters.size(), 1u + turns * 1u);  // one theater
  EXPECT_EQ(theaters[1].rfind("1,EAST,", 0), 0u) << theaters[1];

  const auto actors = Lines(ReadFile(run / "actors.csv"));
  ASSERT_FALSE(actors.empty());
  EXPECT_EQ(actors[0],
            "turn,actor,forces,available,deployed,deployed_EAST,losses,stretch,trust_in,"
            "betweenness,posture_EAST");
  EXPECT_EQ(actors.size(), 1u + turns * 3u);  // three actors
  EXPECT_EQ(actors[1].rfind("1,Alpha,", 0), 0u) << actors[1];
  EXPECT_EQ(actors[3].rfind("1,Gamma,", 0), 0u) << actors[3];

  const auto network = Lines(ReadFile(run / "network.csv"));
  ASSERT_FALSE(network.empty());
  EXPECT_EQ(network[0], "turn,from,to,commitment,access,intel,trust,hostility");
  EXPECT_GE(network.size(), 1u + turns * 2u);  // two ties, one more from the inject
  EXPECT_EQ(network[1].rfind("1,Alpha,Beta,1,", 0), 0u) << network[1];

  const auto turn_rows = Lines(ReadFile(run / "turns.csv"));
  ASSERT_FALSE(turn_rows.empty());
  EXPECT_EQ(turn_rows[0], "turn,cohesion,abandonments,active_theaters");
  EXPECT_EQ(turn_rows.size(), 1u + turns);

  const auto events = Lines(ReadFile(run / "events.jsonl"));
  ASSERT_FALSE(events.empty());
  std::set<std::string> types;
  for (const std::string& line : events) {
    const nlohmann::json event = nlohmann::json::parse(line);
    ASSERT_TRUE(event.contains("type")) << line;
    types.insert(event["type"].get<std::string>());
  }
  for (const char* type : {"theater_opened", "inject", "decision", "adjudication", "end"}) {
    EXPECT_EQ(types.count(type), 1u) << type;
  }
  EXPECT_EQ(nlohmann::json::parse(events.back())["type"], "end");

  // Nothing but the run directory is left: no staging or old directories.
  EXPECT_EQ(Entries(), std::set<std::string>{"run"});
}

// A theater fought at major conflict (rung 4) for one turn. With `rate` 0.25
// and intensity[4] 100 the inadvertent hazard is 1 - exp(-25 ...), certain
// to the eleventh decimal; with `rate` 0 and the challenger scripted to
// escalate, the crossing is its choice. Either way the crossing is a
// `nuclear_threshold` event with its cause (docs/model.md §3.6, §3.9).
constexpr const char* kBrink = R"(
scenario: {name: brink}
run:
  turns: 1
  fog: 0
  intensity: [0, 0, 0, 0.1, 100, 0.5]
  inadvertent: {rate: RATE}
actors:
  Red:
    model: scripted
    forces: 50
    home: [0, 1]
    nuclear: true
    script: [{turn: 1, theater: X, posture: deploy, share: 1.0, move: MOVE}]
  Blue:
    model: scripted
    forces: 10
    home: [0, -1]
    nuclear: true
    script: [{turn: 1, theater: X, posture: deploy, share: 1.0}]
theaters:
  X: {location: [0, 0], escalation: 4, challengers: [Red], defenders: [Blue]}
)";

std::vector<nlohmann::json> NuclearEvents(const fs::path& run) {
  std::vector<nlohmann::json> out;
  for (const std::string& line : Lines(ReadFile(run / "events.jsonl"))) {
    nlohmann::json event = nlohmann::json::parse(line);
    if (event["type"] == "nuclear_threshold") out.push_back(std::move(event));
  }
  return out;
}

TEST_F(CliTest, NuclearUseIsAnEventWithItsCause) {
  const auto play = [&](const std::string& rate, const std::string& move) {
    std::string text = kBrink;
    text.replace(text.find("RATE"), 4, rate);
    text.replace(text.find("MOVE"), 4, move);
    const fs::path scenario = dir_ / ("brink_" + move + ".yaml");
    WriteFile(scenario, text);
    const fs::path out = dir_ / ("run_" + move);
    EXPECT_EQ(Cli({"run", scenario.string(), "--out", out.string(), "-q"}), kExitOk) << err_.str();
    const nlohmann::json summary = nlohmann::json::parse(ReadFile(out / "summary.json"));
    EXPECT_EQ(summary["nuclear_threshold_reached"], true) << move;
    return NuclearEvents(out);
  };

  const auto accident = play("0.25", "hold");
  ASSERT_EQ(accident.size(), 1u);
  EXPECT_EQ(accident[0]["turn"], 1);
  EXPECT_EQ(accident[0]["theater"], "X");
  EXPECT_EQ(accident[0]["cause"], "inadvertent");
  EXPECT_TRUE(accident[0]["actor"].is_null());
  EXPECT_EQ(accident[0]["side"], "defenders");  // Blue, outnumbered five to one, lost more
  EXPECT_GT(accident[0]["hazard"].get<double>(), 0.999);

  const auto choice = play("0", "escalate");
  ASSERT_EQ(choice.size(), 1u);
  EXPECT_EQ(choice[0]["cause"], "deliberate");
  EXPECT_EQ(choice[0]["actor"], "Red");
  EXPECT_EQ(choice[0]["side"], "challengers");
  EXPECT_EQ(choice[0]["hazard"].get<double>(), 0.0);
}

TEST_F(CliTest, SummaryJsonHasExactlyTheDocumentedKeys) {
  const fs::path run = RunSmall("run", {"--quiet"});
  EXPECT_EQ(out_.str(), "");
  const nlohmann::json summary = nlohmann::json::parse(ReadFile(run / "summary.json"));
  std::set<std::string> keys;
  for (const auto& [key, value] : summary.items()) keys.insert(key);
  // The fixed keys, then one per run metric, each of its declared JSON type.
  std::set<std::string> expected = {"scenario", "seed", "version", "theaters"};
  for (const RunMetric& m : RunMetrics()) {
    expected.insert(std::string(m.name));
    const nlohmann::json& v = summary[std::string(m.name)];
    switch (m.type) {
      case MetricType::kBool:
        EXPECT_TRUE(v.is_boolean()) << m.name;
        break;
      case MetricType::kInteger:
        EXPECT_TRUE(v.is_number_integer()) << m.name;
        break;
      case MetricType::kReal:
        EXPECT_TRUE(v.is_number() || (m.nullable && v.is_null())) << m.name;
        break;
    }
  }
  EXPECT_EQ(keys, expected);
  EXPECT_EQ(summary["scenario"], "cli_small");
  EXPECT_EQ(summary["seed"], 11);
  EXPECT_EQ(summary["version"], kVersion);
  const nlohmann::json& east = summary["theaters"]["EAST"];
  for (const char* key : {"opened", "deterred", "lost", "max_escalation", "final_control",
                          "final_status", "conflict_turns", "allied_burden_share"}) {
    EXPECT_TRUE(east.contains(key)) << key;
  }
  EXPECT_EQ(east.size(), 8u);
}

TEST_F(CliTest, SameSeedGivesByteIdenticalFiles) {
  const fs::path a = RunSmall("a", {"--seed", "5", "-q"});
  const fs::path b = RunSmall("b", {"--seed", "5", "-q"});
  for (const char* file :
       {"theaters.csv", "actors.csv", "network.csv", "turns.csv", "events.jsonl", "summary.json"}) {
    EXPECT_EQ(ReadFile(a / file), ReadFile(b / file)) << file;
  }
  const nlohmann::json summary = nlohmann::json::parse(ReadFile(a / "summary.json"));
  EXPECT_EQ(summary["seed"], 5);
}

TEST_F(CliTest, DefaultDirectoryIsNamedAfterScenarioAndSeed) {
  const fs::path cwd = fs::current_path();
  fs::current_path(dir_);
  const int code = Cli({"run", kSmall, "--seed", "3", "-q"});
  fs::current_path(cwd);
  EXPECT_EQ(code, kExitOk) << err_.str();
  EXPECT_TRUE(fs::is_regular_file(dir_ / "runs" / "cli_small-3" / "summary.json"));
}

TEST_F(CliTest, RerunReplacesAnEarlierRunButNotOtherDirectories) {
  RunSmall("run", {"-q"});
  const fs::path run = RunSmall("run", {"-q", "--turns", "2"});
  EXPECT_EQ(Lines(ReadFile(run / "turns.csv")).size(), 3u);  // header + 2 turns
  EXPECT_EQ(Entries(), std::set<std::string>{"run"});

  const fs::path mine = dir_ / "mine";
  fs::create_directories(mine);
  std::ofstream(mine / "notes.txt") << "keep me\n";
  EXPECT_EQ(Cli({"run", kSmall, "--out", mine.string(), "-q"}), kExitBadInput);
  EXPECT_EQ(ReadFile(mine / "notes.txt"), "keep me\n");
  EXPECT_EQ(Entries(), (std::set<std::string>{"mine", "run"}));
}

TEST_F(CliTest, BadScenarioExitsTwoAndWritesNothing) {
  const fs::path out = dir_ / "out";
  EXPECT_EQ(Cli({"run", kBroken, "--out", out.string()}), kExitBadInput);
  EXPECT_NE(err_.str().find("broken.yaml:"), std::string::npos) << err_.str();
  EXPECT_NE(err_.str().find("error:"), std::string::npos);
  EXPECT_FALSE(fs::exists(out));
  EXPECT_TRUE(Entries().empty());

  EXPECT_EQ(Cli({"run", (dir_ / "missing.yaml").string(), "--out", out.string()}), kExitBadInput);
  EXPECT_FALSE(fs::exists(out));
}

TEST_F(CliTest, BadArgumentsExitTwoAndWriteNothing) {
  const std::string out = (dir_ / "out").string();
  const std::vector<std::vector<std::string>> cases = {
      {"run", kSmall, "--out", out, "--set", "run.nonsense=1"},
      {"run", kSmall, "--out", out, "--set", "no_equals_sign"},
      {"run", kSmall, "--out", out, "--set", "actors.Nobody.forces=3"},
      {"run", kSmall, "--out", out, "--turns", "abc"},
      {"run", kSmall, "--out", out, "--turns", "-4"},
      {"run", kSmall, "--out", out, "--seed", "-1"},
      {"run", kSmall, "--out", out, "--seed", "123456789012345678901234567890"},
      {"run", kSmall, "--out", out, "--bogus"},
      {"run"},
      {"frobnicate"},
      {},
  };
  for (const auto& args : cases) {
    EXPECT_EQ(Cli(args), kExitBadInput) << ::testing::PrintToString(args);
    EXPECT_FALSE(err_.str().empty()) << ::testing::PrintToString(args);
  }
  EXPECT_TRUE(Entries().empty());
}

TEST_F(CliTest, SetOverridesTheScenario) {
  const fs::path run = RunSmall("run", {"-q", "--set", "run.turns=2"});
  EXPECT_EQ(Lines(ReadFile(run / "turns.csv")).size(), 3u);
}

TEST_F(CliTest, ValidateSaysOkOrListsEveryError) {
  EXPECT_EQ(Cli({"validate", kSmall}), kExitOk);
  EXPECT_EQ(out_.str(), "ok\n");
  EXPECT_EQ(Cli({"validate", kBroken}), kExitBadInput);
  EXPECT_EQ(out_.str(), "");
  EXPECT_GE(Count(err_.str(), "error:"), 2u) << err_.str();
  EXPECT_EQ(Cli({"validate", kSmall, "--set", "run.fog=banana"}), kExitBadInput);
}

TEST_F(CliTest, GraphDotAndGraphmlListEveryActorAndTie) {
  ASSERT_EQ(Cli({"graph", kSmall}), kExitOk) << err_.str();
  const std::string dot = out_.str();
  EXPECT_EQ(dot.rfind("digraph", 0), 0u);
  for (const char* actor : {"Alpha [", "Beta [", "Gamma ["}) {
    EXPECT_NE(dot.find(actor), std::string::npos) << actor;
  }
  EXPECT_NE(dot.find("Alpha->Beta"), std::string::npos) << dot;
  EXPECT_NE(dot.find("Beta->Alpha"), std::string::npos);
  EXPECT_NE(dot.find("name=\"Alpha Republic\""), std::string::npos);
  EXPECT_NE(dot.find("nuclear=true"), std::string::npos);

  ASSERT_EQ(Cli({"graph", kSmall, "--format", "graphml"}), kExitOk) << err_.str();
  const std::string xml = out_.str();
  EXPECT_EQ(xml.rfind("<?xml", 0), 0u);
  EXPECT_EQ(Count(xml, "<node "), 3u);
  EXPECT_EQ(Count(xml, "<edge "), 2u);
  for (const char* actor : {">Alpha<", ">Beta<", ">Gamma<"}) {
    EXPECT_NE(xml.find(actor), std::string::npos) << actor;
  }
  EXPECT_NE(xml.find("attr.name=\"trust\" attr.type=\"double\""), std::string::npos);

  EXPECT_EQ(Cli({"graph", kSmall, "--format", "svg"}), kExitBadInput);
  EXPECT_EQ(Cli({"graph", kBroken}), kExitBadInput);
}

TEST_F(CliTest, GraphTurnReadsTheTiesOfARun) {
  const fs::path run = RunSmall("run", {"-q"});
  ASSERT_EQ(Cli({"graph", kSmall, "--turn", "2", "--run", run.string()}), kExitOk) << err_.str();
  // The turn-2 inject added the tie Gamma -> Beta.
  EXPECT_NE(out_.str().find("Gamma->Beta"), std::string::npos) << out_.str();
  ASSERT_EQ(Cli({"graph", kSmall, "--turn", "1", "--run", run.string(), "--format", "graphml"}),
            kExitOk);
  EXPECT_EQ(Count(out_.str(), "<edge "), 2u);

  EXPECT_EQ(Cli({"graph", kSmall, "--turn", "99", "--run", run.string()}), kExitBadInput);
  EXPECT_NE(err_.str().find("turn 99"), std::string::npos) << err_.str();
  EXPECT_EQ(Cli({"graph", kSmall, "--turn", "1"}), kExitBadInput);
  EXPECT_EQ(Cli({"graph", kSmall, "--run", run.string()}), kExitBadInput);
  EXPECT_EQ(Cli({"graph", kSmall, "--turn", "one", "--run", run.string()}), kExitBadInput);
  EXPECT_EQ(Cli({"graph", kSmall, "--turn", "1", "--run", (dir_ / "nope").string()}),
            kExitBadInput);
}

TEST_F(CliTest, GraphTurnReportsAMalformedRunFileWithItsLine) {
  const fs::path run = RunSmall("run", {"-q"});
  const std::string header = "turn,from,to,commitment,access,intel,trust,hostility\n";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {header + "1,Alpha,Beta,abc,0,0,0.8,0\n", "network.csv:2"},
      {header + "1,Alpha,Beta,1,0,0,0.8\n", "network.csv:2"},
      {header + "1,Alpha,Beta,1,0,0,0.8,0\n1,Alpha,Zed,1,0,0,0.8,0\n", "network.csv:3"},
      {header + "x,Alpha,Beta,1,0,0,0.8,0\n", "network.csv:2"},
      {header + "1,Alpha,Beta,7,0,0,0.8,0\n", "network.csv:2"},
      {header + "1,\"Alpha,Beta,1,0,0,0.8,0\n", "network.csv:2"},
      {"turn,from\n", "network.csv:1"},
      {"", "network.csv"},
  };
  for (const auto& [content, where] : cases) {
    std::ofstream(run / "network.csv", std::ios::binary | std::ios::trunc) << content;
    EXPECT_EQ(Cli({"graph", kSmall, "--turn", "1", "--run", run.string()}), kExitBadInput)
        << content;
    EXPECT_NE(err_.str().find(where), std::string::npos) << content << "\n" << err_.str();
  }
  fs::remove(run / "network.csv");
  EXPECT_EQ(Cli({"graph", kSmall, "--turn", "1", "--run", run.string()}), kExitBadInput);
}

TEST_F(CliTest, ModelsListsEveryRegisteredModel) {
  ASSERT_EQ(Cli({"models"}), kExitOk);
  for (const auto& [name, info] : registry_.all()) {
    EXPECT_NE(out_.str().find(name + ": " + info.summary), std::string::npos) << name;
    for (const ParamSpec& p : info.params) {
      EXPECT_NE(out_.str().find(p.name), std::string::npos) << p.name;
    }
  }
}

TEST_F(CliTest, VersionAndHelp) {
  EXPECT_EQ(Cli({"--version"}), kExitOk);
  EXPECT_NE(out_.str().find(kVersion), std::string::npos);
  // A subcommand builds its options only when named (tools/cli/commands.h):
  // its help must still list them all, and the overview every command.
  const std::map<std::string, std::vector<std::string>> options = {
      {"run", {"--seed", "--turns", "--set", "--out", "--quiet"}},
      {"validate", {"--set"}},
      {"graph", {"--format", "--run", "--turn", "--set"}},
      {"models", {}},
      {"sweep", {"--jobs", "--out", "--resume", "--mpi", "--design-only"}},
      {"analyze", {"--csv", "--runs-csv", "--indices-csv", "--bootstrap"}},
      {"discover", {"--where", "--threshold", "--alpha", "--mass-min"}},
      {"report", {"--output", "--compare"}},
      {"play", {"--human", "--seed", "--set", "--save", "--resume", "--branch", "--decisions"}},
      {"serve", {"--human", "--port", "--host", "--save", "--resume", "--turn-minutes"}}};
  for (const auto& [command, names] : options) {
    ASSERT_EQ(Cli({command, "--help"}), kExitOk) << command;
    const std::string help = out_.str();
    EXPECT_NE(help.find("Usage: overstretch " + command), std::string::npos) << help;
    for (const std::string& name : names) {
      EXPECT_NE(help.find(name), std::string::npos) << command << " " << name;
    }
  }
  ASSERT_EQ(Cli({"--help"}), kExitOk);
  for (const auto& [command, names] : options) {
    EXPECT_NE(out_.str().find("\n  " + command + " "), std::string::npos) << command;
  }
  // An option of another command is refused, not silently taken.
  EXPECT_EQ(Cli({"validate", "x.yaml", "--jobs", "2"}), kExitBadInput);
  EXPECT_NE(err_.str().find("--jobs"), std::string::npos) << err_.str();
}

}  // namespace
}  // namespace overstretch::cli
