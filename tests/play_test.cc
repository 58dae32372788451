// `overstretch play` through its terminal entry point (RunPlay with string
// streams standing for the players' keyboard): a scripted game with invalid
// entries, save and resume giving byte-identical outputs, branching, the
// decisions file, hostile input, and the facilitator's inject parser.
#include "tools/classroom/play.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "actors/builtin_models.h"
#include "engine/scenario_loader.h"
#include "tests/test_support.h"
#include "tools/classroom/line_reader.h"
#include "tools/classroom/play_session.h"
#include "tools/classroom/saved_game.h"
#include "tools/cli/commands.h"
#include "tools/runio/run_output.h"

namespace overstretch::cli {
namespace {

namespace fs = std::filesystem;
using testing::Count;
using testing::ReadFile;

const std::string kScenario = std::string(OVERSTRETCH_SOURCE_DIR) + "/scenarios/gsomia.yaml";

// Six turns of the GSOMIA scenario, Japan and Korea played by people. Each
// turn takes two decisions (JPN, then ROK, one theater).
std::string Turn(const std::string& jpn, const std::string& rok) {
  return "next\n" + jpn + "\n" + rok + "\n";
}

class PlayTest : public testing::CommandLineTest {
 protected:
  PlayOptions Options(const std::string& out_name) const {
    PlayOptions o;
    o.scenario = kScenario;
    o.humans = "JPN,ROK";
    o.sets = {"run.turns=6", "injects.gsomia_suspended.turn=5"};
    o.out = (dir_ / out_name).string();
    return o;
  }

  int Play(const PlayOptions& options, const std::string& input) {
    std::istringstream in(input);
    out_.str("");
    err_.str("");
    return RunPlay(options, registry_, in, out_, err_);
  }

  void ExpectSameRun(const fs::path& a, const fs::path& b) {
    for (const char* file : kRunFiles) {
      EXPECT_EQ(ReadFile(a / file), ReadFile(b / file)) << file;
    }
  }
};

// A whole game as a class would play it, mistakes included.
const std::string kFullGame =
    "help\n"
    "fly to the moon\n"                                          // unknown command
    "override KOR control 0.3\n"                                 // no reason
    + Turn("abc\n0\n99\n-1\n\x01\x02\n2", "3") +                 // 5 invalid entries first
    "inject {set: actors.US.global_commitments, value: 0.9}\n"   //
    "inject {set: actors.XX.forces, value: 1}\n"                 // no such actor
    "inject {set: actors.US.readiness, value: 7}\n"              // out of range
    "inject [unclosed\n"                                         // not YAML
    + Turn("deploy 50%", "4") +                                  // an option by its text
    "override KOR control 0.25 ceasefire holds along the DMZ\n"  //
    "override KOR escalation 9 because\n"                        // out of range
    "override NOPE control 0.1 reason\n"                         // no theater
    + Turn("1", "1") +                                           //
    "undo\n"                                                     // takes back turn 3
    + Turn("support", "deploy 100%") +                           //
    "truth\n" + Turn("3", "2") + Turn("2", "2") + Turn("1", "1") +
    "next\n"  // the game is over after turn 6
    "quit\n";

TEST_F(PlayTest, ScriptedGameWithInvalidEntriesRepromptsAndPlaysToTheEnd) {
  ASSERT_EQ(Play(Options("game"), kFullGame), kExitOk) << err_.str();
  const std::string out = out_.str();
  EXPECT_NE(out.find("facilitator commands"), std::string::npos);
  EXPECT_EQ(Count(out, "is not an option here"), 5u) << out;
  EXPECT_NE(out.find("unknown command 'fly'"), std::string::npos);
  EXPECT_NE(out.find("a reason is required"), std::string::npos);
  EXPECT_NE(out.find("no actor 'XX'"), std::string::npos);
  EXPECT_NE(out.find("readiness"), std::string::npos);
  EXPECT_NE(out.find("YAML"), std::string::npos);
  EXPECT_NE(out.find("escalation must be a whole number 0-5"), std::string::npos);
  EXPECT_NE(out.find("no theater 'NOPE'"), std::string::npos);
  EXPECT_NE(out.find("undone: turn 3"), std::string::npos);
  EXPECT_NE(out.find("TRUE STATE"), std::string::npos);
  EXPECT_NE(out.find("The game is over after turn 6"), std::string::npos) << out;
  EXPECT_NE(out.find("p(challengers prevail)"), std::string::npos);
  EXPECT_NE(out.find("Turn 1 briefing for JPN"), std::string::npos);
  EXPECT_NE(out.find("Turn 1 briefing for ROK"), std::string::npos);

  const fs::path run = dir_ / "game";
  const nlohmann::json summary = nlohmann::json::parse(ReadFile(run / "summary.json"));
  EXPECT_EQ(summary["turns_played"], 6);
  const std::string events = ReadFile(run / "events.jsonl");
  EXPECT_EQ(Count(events, "\"type\":\"human_decision\""), 12u);  // 6 turns x 2 players
  EXPECT_EQ(Count(events, "\"type\":\"adjudication_rule\""),
            Count(events, "\"type\":\"adjudication\""));
  EXPECT_NE(events.find("ceasefire holds along the DMZ"), std::string::npos);
  EXPECT_NE(events.find("\"label\":\"facilitator: {set: actors.US.global_commitments"),
            std::string::npos);
  EXPECT_EQ(events.rfind("{\"type\":\"classroom\"", 0), 0u);
}

TEST_F(PlayTest, EndOfInputWithoutSaveQuitsWithAMessage) {
  ASSERT_EQ(Play(Options("eof"), "next\n2\n"), kExitOk) << err_.str();
  EXPECT_NE(out_.str().find("input ended during the decisions of turn 1"), std::string::npos);
  EXPECT_NE(out_.str().find("quitting without saving"), std::string::npos);
  EXPECT_TRUE(fs::is_regular_file(dir_ / "eof" / "summary.json"));
}

TEST_F(PlayTest, SavedAtTurnThreeAndResumedGivesByteIdenticalOutputs) {
  const std::string first = Turn("2", "3") + "inject {tie: {between: [JPN, ROK], intel: 0.9}}\n" +
                            Turn("deploy 50%", "4") + "override KOR control 0.25 ceasefire\n" +
                            Turn("1", "1") + "undo\n" + Turn("support", "deploy 100%");
  const std::string rest = "save\n" + Turn("3", "2") + Turn("2", "2") + Turn("1", "1") + "quit\n";

  PlayOptions whole = Options("whole");
  ASSERT_EQ(Play(whole, first + rest), kExitOk) << err_.str();

  // The same inputs, interrupted after turn 3 by the end of the input.
  PlayOptions part = Options("part");
  part.save = (dir_ / "game.json").string();
  ASSERT_EQ(Play(part, first), kExitOk) << err_.str();
  EXPECT_NE(out_.str().find("saved the game to"), std::string::npos);
  const nlohmann::json saved = nlohmann::json::parse(ReadFile(dir_ / "game.json"));
  EXPECT_EQ(saved["format"], "overstretch-play");
  EXPECT_EQ(saved["log"].size(), 7u);  // 4 turns, inject, override, undo

  PlayOptions resume;
  resume.resume = part.save;
  resume.out = (dir_ / "resumed").string();
  ASSERT_EQ(Play(resume, rest), kExitOk) << err_.str();
  EXPECT_NE(out_.str().find("resumed"), std::string::npos);
  EXPECT_NE(out_.str().find("at turn 3"), std::string::npos) << out_.str();
  ExpectSameRun(dir_ / "whole", dir_ / "resumed");
  // And playing it again from the final save gives the same once more.
  PlayOptions again;
  again.resume = part.save;
  again.out = (dir_ / "again").string();
  ASSERT_EQ(Play(again, "quit\n"), kExitOk) << err_.str();
  ExpectSameRun(dir_ / "whole", dir_ / "again");
}

TEST_F(PlayTest, BranchReplaysUpToTheTurnAndPlaysOnDifferently) {
  PlayOptions original = Options("original");
  original.save = (dir_ / "original.json").string();
  const std::string game = Turn("2", "3") + Turn("2", "3") + Turn("2", "3") + Turn("2", "3");
  ASSERT_EQ(Play(original, game + "quit\n"), kExitOk) << err_.str();

  PlayOptions branch;
  branch.branch = original.save;
  branch.branch_turn = 2;
  branch.save = (dir_ / "branch.json").string();
  branch.out = (dir_ / "branch").string();
  ASSERT_EQ(Play(branch, Turn("5", "4") + Turn("5", "4") + "quit\n"), kExitOk) << err_.str();
  EXPECT_NE(out_.str().find("branched from"), std::string::npos);
  EXPECT_NE(out_.str().find("at turn 2"), std::string::npos) << out_.str();

  // Turns 1-2 are the original's; turn 3 on is the branch's own.
  auto rows = [&](const fs::path& dir, int turn) {
    std::istringstream in(ReadFile(dir / "theaters.csv"));
    std::string line, kept;
    while (std::getline(in, line)) {
      if (line.rfind(std::to_string(turn) + ",", 0) == 0) kept += line + "\n";
    }
    return kept;
  };
  EXPECT_EQ(rows(dir_ / "original", 1), rows(dir_ / "branch", 1));
  EXPECT_EQ(rows(dir_ / "original", 2), rows(dir_ / "branch", 2));
  EXPECT_NE(ReadFile(dir_ / "original" / "actors.csv"), ReadFile(dir_ / "branch" / "actors.csv"));
  const nlohmann::json saved = nlohmann::json::parse(ReadFile(dir_ / "branch.json"));
  EXPECT_EQ(saved["branch_of"]["turn"], 2);
  EXPECT_EQ(saved["log"].size(), 4u);

  // A turn the saved game never reached is refused.
  PlayOptions too_far = branch;
  too_far.branch_turn = 9;
  EXPECT_EQ(Play(too_far, ""), kExitBadInput);
  EXPECT_NE(err_.str().find("never completed turn 9"), std::string::npos);
}

TEST_F(PlayTest, DecisionsFromAFileRunWithoutATerminal) {
  const fs::path script = dir_ / "decisions.txt";
  std::ofstream(script) << Turn("2", "3") + Turn("support", "deploy 50%") + "quit\n";
  PlayOptions options = Options("file");
  options.decisions = script.string();
  ASSERT_EQ(Play(options, "this is never read\n"), kExitOk) << err_.str();
  const nlohmann::json summary = nlohmann::json::parse(ReadFile(dir_ / "file" / "summary.json"));
  EXPECT_EQ(summary["turns_played"], 2);
  EXPECT_NE(out_.str().find("deploy 50%"), std::string::npos);  // lines are echoed

  options.decisions = (dir_ / "missing.txt").string();
  EXPECT_EQ(Play(options, ""), kExitBadInput);
}

TEST_F(PlayTest, HostileArgumentsAndSaveFilesAreRefusedCleanly) {
  PlayOptions options = Options("x");
  options.humans = "JPM";
  EXPECT_EQ(Play(options, ""), kExitBadInput);
  EXPECT_NE(err_.str().find("did you mean 'JPN'"), std::string::npos) << err_.str();
  options.humans = "JPN,JPN";
  EXPECT_EQ(Play(options, ""), kExitBadInput);
  options.humans = "JPN,";
  EXPECT_EQ(Play(options, ""), kExitBadInput);
  options = Options("x");
  options.seed = "-3";
  EXPECT_EQ(Play(options, ""), kExitBadInput);

  auto resume_from = [&](const std::string& content) {
    const fs::path file = dir_ / "bad.json";
    std::ofstream(file, std::ios::binary) << content;
    PlayOptions o;
    o.resume = file.string();
    o.out = (dir_ / "bad").string();
    return Play(o, "");
  };
  EXPECT_EQ(resume_from("not json"), kExitBadInput);
  EXPECT_EQ(resume_from(std::string(100000, '[')), kExitBadInput);
  EXPECT_NE(err_.str().find("nested too deeply"), std::string::npos);
  EXPECT_EQ(resume_from("{\"format\": \"other\"}"), kExitBadInput);
  const std::string header =
      "{\"format\":\"overstretch-play\",\"version\":1,\"scenario\":\"" + kScenario +
      "\",\"sets\":[\"run.turns=6\",\"injects.gsomia_suspended.turn=5\"],\"seed\":1," +
      "\"humans\":[\"JPN\",\"ROK\"],";
  EXPECT_EQ(resume_from(header + "\"scenario_fnv1a64\":\"0\",\"log\":[]}"), kExitBadInput);
  EXPECT_NE(err_.str().find("has changed since the game was saved"), std::string::npos);

  // A real save, then tampered log entries, resealed (an editor who knows
  // the integrity check, tests/saved_game_test.cc): the replay refuses them
  // with the entry's number.
  PlayOptions good = Options("good");
  good.save = (dir_ / "good.json").string();
  ASSERT_EQ(Play(good, Turn("2", "3") + "quit\n"), kExitOk);
  const auto sealed = [](const nlohmann::json& save) {
    return SaveText(nlohmann::ordered_json::parse(save.dump()));
  };
  nlohmann::json saved = nlohmann::json::parse(ReadFile(dir_ / "good.json"));
  saved["log"][0]["decisions"][0]["share"] = 0.33;
  EXPECT_EQ(resume_from(sealed(saved)), kExitBadInput);
  EXPECT_NE(err_.str().find("log entry 1"), std::string::npos) << err_.str();
  saved = nlohmann::json::parse(ReadFile(dir_ / "good.json"));
  saved["log"].push_back({{"command", "truth"}});
  EXPECT_EQ(resume_from(sealed(saved)), kExitBadInput);
  EXPECT_NE(err_.str().find("log entry 2"), std::string::npos) << err_.str();
  saved = nlohmann::json::parse(ReadFile(dir_ / "good.json"));
  saved["log"][0]["turn"] = 5;
  EXPECT_EQ(resume_from(sealed(saved)), kExitBadInput);
  EXPECT_NE(err_.str().find("expected turn 1"), std::string::npos) << err_.str();

  // A very long line and binary junk at the prompt: refused, never a crash.
  EXPECT_EQ(Play(Options("junk"), std::string(20000, 'x') + "\n\xff\xfe" + std::string(1, '\0') +
                                      "junk\nsave\nquit\n"),
            kExitOk);
  EXPECT_NE(out_.str().find("longer than"), std::string::npos);
  EXPECT_NE(out_.str().find("save: name a file"), std::string::npos) << out_.str().substr(0, 2000);
}

TEST(PlaySessionTest, BriefingsShowEstimatesNotTheTrueForces) {
  ModelRegistry registry;
  RegisterBuiltinModels(registry);
  const Override turns[] = {{"run.turns", "4"}, {"injects.gsomia_suspended.turn", "3"}};
  LoadResult loaded = LoadScenarioFile(kScenario, turns, registry);
  ASSERT_TRUE(loaded.scenario);
  const Scenario& scenario = *loaded.scenario;
  ASSERT_GT(scenario.run.fog, 0.0);
  std::vector<ActorIndex> humans;
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    if (scenario.actors[i].id == "JPN") humans.push_back(ActorIndex(i));
  }
  PlaySession session(scenario, registry, 1, humans);
  Step turn;
  session.Apply(turn, nullptr);
  const std::vector<Briefing> briefings = session.Brief();
  ASSERT_EQ(briefings.size(), 1u);
  ASSERT_FALSE(briefings[0].views.empty());
  const TheaterView& v = briefings[0].views[0];
  const double true_c = session.state().last_phi[v.theater.get() * 2];
  const double true_d = session.state().last_phi[v.theater.get() * 2 + 1];
  EXPECT_NE(v.observed_other, true_c);
  EXPECT_NE(v.observed_own, true_d);
  EXPECT_GT(v.observed_other, 0.0);
  // Briefing changes nothing.
  EXPECT_EQ(session.state().turn, 1);
  std::string what;
  EXPECT_TRUE(session.Undo(&what));
  EXPECT_EQ(session.state().turn, 0);
  EXPECT_FALSE(session.Undo(&what));
}

TEST(PlayInjectTest, EffectsAreReadAndCheckedLikeTheFile) {
  ModelRegistry registry;
  RegisterBuiltinModels(registry);
  const ScenarioSource source = ScenarioSource::FromFile(kScenario);
  auto parse = [&](const std::string& text) { return source.ParseEffect(text, {}, registry); };
  auto r = parse("{set: actors.US.global_commitments, value: 0.9}");
  ASSERT_TRUE(r.inject) << (r.diagnostics.empty() ? "" : r.diagnostics[0].message);
  ASSERT_EQ(r.inject->effects.size(), 1u);
  EXPECT_EQ(r.inject->effects[0].kind, Effect::Kind::kSetActor);
  EXPECT_DOUBLE_EQ(r.inject->effects[0].value, 0.9);
  r = parse("{tie: {between: [JPN, ROK], intel: 0.2}}");
  ASSERT_TRUE(r.inject);
  EXPECT_EQ(r.inject->effects.size(), 2u);
  for (const char* bad :
       {"{set: actors.US.global_commitments, value: 1.5}", "{open: NOWHERE}",
        "{set: actors.US.forces}", "[1, 2]", "{", "", "{cut: {from: US}}", "&a {close: KOR}"}) {
    r = parse(bad);
    EXPECT_FALSE(r.inject) << bad;
    EXPECT_FALSE(r.diagnostics.empty()) << bad;
  }
  r = parse("{set: actors.US.readiness, value: 2}");
  ASSERT_FALSE(r.diagnostics.empty());
  EXPECT_EQ(r.diagnostics[0].message.find("injects."), std::string::npos)
      << r.diagnostics[0].message;
}

}  // namespace
}  // namespace overstretch::cli

namespace overstretch::cli {
namespace {

// Defenders' delivered force in KOR on a turn, from a game's theaters.csv.
double KoreaDefendersDelivered(const fs::path& run, int turn) {
  std::istringstream csv(ReadFile(run / "theaters.csv"));
  std::string line;
  std::getline(csv, line);  // header: turn,theater,status,escalation,control,p,phi_c,phi_d,...
  while (std::getline(csv, line)) {
    std::vector<std::string> cells;
    std::stringstream row(line);
    for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
    if (cells.size() > 7 && cells[0] == std::to_string(turn) && cells[1] == "KOR") {
      return std::stod(cells[7]);
    }
  }
  ADD_FAILURE() << "no KOR row for turn " << turn;
  return -1.0;
}

// A host team may back its side and keep its bases closed (prior
// consultation withheld): the patron then cannot fly from them, and the
// choice survives a save and resume.
TEST_F(PlayTest, HostCanKeepItsBasesClosed) {
  const std::string open_game = Turn("deploy 100%", "deploy 100%") + "quit\n";
  const std::string closed_game = Turn("deploy 100%, bases closed", "deploy 100%") + "quit\n";
  ASSERT_EQ(Play(Options("open"), open_game), kExitOk) << err_.str();
  PlayOptions closed = Options("closed");
  closed.save = (dir_ / "closed.json").string();
  ASSERT_EQ(Play(closed, closed_game), kExitOk) << err_.str();
  EXPECT_NE(out_.str().find("bases closed"), std::string::npos);
  EXPECT_NE(ReadFile(dir_ / "closed" / "events.jsonl").find("bases closed"), std::string::npos);
  // Same seed, same model decisions: only the routes differ. On turn 1 the
  // US deploys to Korea through Okinawa, so closing it lowers what the
  // defenders deliver (about 111 to 88 force units).
  const double open = KoreaDefendersDelivered(dir_ / "open", 1);
  const double shut = KoreaDefendersDelivered(dir_ / "closed", 1);
  EXPECT_LT(shut, open - 1.0);
  const nlohmann::json saved = nlohmann::json::parse(ReadFile(dir_ / "closed.json"));
  bool found = false;
  for (const auto& entry : saved["log"]) {
    if (!entry.contains("decisions")) continue;
    for (const auto& d : entry["decisions"]) found |= d.value("bases_closed", false);
  }
  EXPECT_TRUE(found);
  PlayOptions resume;
  resume.resume = closed.save;
  resume.out = (dir_ / "resumed").string();
  ASSERT_EQ(Play(resume, "quit\n"), kExitOk) << err_.str();
  ExpectSameRun(dir_ / "closed", dir_ / "resumed");
}

// Issue 12, item 4: a line that never ends (stdin or --decisions from
// /dev/zero) was read forever. A stream of `limit` NUL bytes that counts how
// many were taken stands for /dev/zero.
class ZeroBuffer : public std::streambuf {
 public:
  explicit ZeroBuffer(std::size_t limit) : left_(limit) {}
  std::size_t taken = 0;

 protected:
  int_type underflow() override {
    if (left_ == 0) return traits_type::eof();
    const std::size_t n = std::min(left_, chunk_.size());
    setg(chunk_.data(), chunk_.data(), chunk_.data() + n);
    left_ -= n;
    taken += n;
    return traits_type::to_int_type(chunk_[0]);
  }

 private:
  std::size_t left_;
  std::vector<char> chunk_ = std::vector<char>(4096, '\0');
};

TEST_F(PlayTest, EndlessLineOnStdinStopsWithAClearError) {
  ZeroBuffer zeros(std::size_t{64} << 20);
  std::istream in(&zeros);
  const int status = RunPlay(Options("zero"), registry_, in, out_, err_);
  EXPECT_EQ(status, kExitBadInput);
  EXPECT_LE(zeros.taken, std::size_t{2} << 20);
  EXPECT_NE(err_.str().find("without a line end"), std::string::npos) << err_.str();
}

TEST_F(PlayTest, DecisionsFromDevZeroStopWithAClearError) {
  PlayOptions options = Options("devzero");
  options.decisions = "/dev/zero";
  EXPECT_EQ(Play(options, ""), kExitBadInput);
  EXPECT_NE(err_.str().find("/dev/zero: line 1: more than"), std::string::npos) << err_.str();
}

// Issue 11, item 7: the terminal game's debrief, its decisions files and
// what its teams see.
int TurnsPlayed(const fs::path& run) {
  return nlohmann::json::parse(ReadFile(run / "summary.json"))["turns_played"].get<int>();
}

TEST_F(PlayTest, AResumedGameWritesWhereItDidAndABranchNeverOverwrites) {
  PlayOptions first = Options("class1");
  first.save = (dir_ / "class1.json").string();
  ASSERT_EQ(Play(first, Turn("2", "3") + "quit\n"), kExitOk) << err_.str();
  PlayOptions resume;
  resume.resume = first.save;
  ASSERT_EQ(Play(resume, Turn("2", "2") + "quit\n"), kExitOk) << err_.str();
  EXPECT_EQ(TurnsPlayed(dir_ / "class1"), 2);  // the whole game, where it started
  PlayOptions branch;
  branch.branch = first.save;
  branch.branch_turn = 1;
  ASSERT_EQ(Play(branch, Turn("1", "1") + Turn("1", "1") + "quit\n"), kExitOk) << err_.str();
  ASSERT_EQ(Play(branch, "quit\n"), kExitOk) << err_.str();
  EXPECT_EQ(TurnsPlayed(dir_ / "class1"), 2);
  EXPECT_EQ(TurnsPlayed(dir_ / "class1-branch1"), 3);
  EXPECT_EQ(TurnsPlayed(dir_ / "class1-branch1-2"), 1);
}

TEST_F(PlayTest, AWrongLineInADecisionsFileStopsWithExit2) {
  const fs::path file = dir_ / "decisions.txt";
  // A trailing comment is a comment: it must not shift the later lines.
  std::ofstream(file) << "next\n2  # Japan supports\n3\n# turn 2\nnext\n2\nseven\n3\n";
  PlayOptions options = Options("decided");
  options.decisions = file.string();
  EXPECT_EQ(Play(options, ""), kExitBadInput);
  EXPECT_NE(err_.str().find("line 7: ROK [KOR]: 'seven' is not an option"), std::string::npos)
      << err_.str();
  EXPECT_NE(out_.str().find("--- Turn 1 adjudicated ---"), std::string::npos);
  std::ofstream(file) << "next\n2\n3\nfly away\n";
  EXPECT_EQ(Play(options, ""), kExitBadInput);
  EXPECT_NE(err_.str().find("line 4: unknown command 'fly'"), std::string::npos) << err_.str();
}

TEST_F(PlayTest, OnlyTheFacilitatorEndsTheSessionAndATeamMayEnterAgain) {
  // The US decides in two theaters of sparse_us: 'redo' after the first
  // entry takes it back.
  PlayOptions options = Options("teams");
  options.scenario = std::string(OVERSTRETCH_SOURCE_DIR) + "/scenarios/sparse_us.yaml";
  options.humans = "US";
  options.sets.clear();
  ASSERT_EQ(Play(options, "next\nquit\n2\nredo\n1\n1\nquit\n"), kExitOk) << err_.str();
  const std::string out = out_.str();
  EXPECT_NE(out.find("only the facilitator ends the session"), std::string::npos) << out;
  EXPECT_NE(out.find("US enters its decisions for turn 1 again"), std::string::npos) << out;
  EXPECT_NE(out.find("--- Turn 1 adjudicated ---"), std::string::npos);
  const std::string events = ReadFile(dir_ / "teams" / "events.jsonl");
  EXPECT_EQ(Count(events, "\"type\":\"human_decision\""), 2u);  // the redone entries only
}

TEST_F(PlayTest, EveryPromptRefusesAnOverLongLineAndAsksAgain) {
  // An over-long line at the facilitator's prompt, at a team's choice and
  // while the orders are in: each is refused, its prompt is shown again, and
  // the game is the one typed without them.
  const std::string flood(kMaxLine + 10, 'x');
  const std::string input = flood + "\nnext\n" + flood + "\n1\n1\n" + flood + "\n\nquit\n";
  ASSERT_EQ(Play(Options("flooded"), input), kExitOk) << err_.str();
  const std::string out = out_.str();
  EXPECT_EQ(Count(out, "that line is longer than"), 3u) << out.substr(0, 3000);
  EXPECT_EQ(Count(out, "  that line is longer than"), 1u);  // the team's prompt indents it
  EXPECT_EQ(Count(out, "facilitator [after turn 0/6]>"), 2u);
  EXPECT_EQ(Count(out, "JPN [KOR] choose"), 2u);
  EXPECT_EQ(Count(out, "facilitator [turn 1: orders in]>"), 2u);
  ASSERT_EQ(Play(Options("plain"), Turn("1", "1") + "quit\n"), kExitOk) << err_.str();
  ExpectSameRun(dir_ / "flooded", dir_ / "plain");
}

TEST_F(PlayTest, ATeamRevisesItsOrdersUntilTheFacilitatorClosesTheTurn) {
  // JPN and ROK enter 2 and 3, then both revise to 1 after the last entry;
  // a wrong team name is refused; an empty line closes the turn.
  ASSERT_EQ(Play(Options("revised"), "next\n2\n3\nredo JPN\n1\nredo PRC\nredo rok\n1\n\nquit\n"),
            kExitOk)
      << err_.str();
  const std::string out = out_.str();
  // Said when the last entry is in and after each revision, not after an error.
  EXPECT_EQ(Count(out, "Every team's orders for turn 1 are in"), 3u) << out;
  EXPECT_EQ(Count(out, "facilitator [turn 1: orders in]>"), 4u) << out;
  EXPECT_NE(out.find("redo: name the team whose orders to enter again (JPN, ROK)"),
            std::string::npos);
  EXPECT_EQ(Count(out, "Turn 1 briefing for JPN"), 2u);
  EXPECT_EQ(Count(out, "--- Turn 1 adjudicated ---"), 1u);
  // The same game as one where both entered 1 at once.
  ASSERT_EQ(Play(Options("direct"), Turn("1", "1") + "quit\n"), kExitOk) << err_.str();
  ExpectSameRun(dir_ / "revised", dir_ / "direct");
  // The line that closes the turn is the facilitator's next command.
  ASSERT_EQ(Play(Options("closed_by_next"), Turn("2", "3") + Turn("1", "1") + "quit\n"), kExitOk);
  EXPECT_NE(out_.str().find("--- Turn 2 adjudicated ---"), std::string::npos);
  // In a decisions file a wrong redo stops the input like any wrong line.
  const fs::path file = dir_ / "redo.txt";
  std::ofstream(file) << "next\n2\n3\nredo NOBODY\n";
  PlayOptions options = Options("redo_file");
  options.decisions = file.string();
  EXPECT_EQ(Play(options, ""), kExitBadInput);
  EXPECT_NE(err_.str().find("line 4: redo: name the team"), std::string::npos) << err_.str();
}

TEST_F(PlayTest, TeamsAreAskedInTheOrderNamed) {
  PlayOptions options = Options("order");
  options.humans = "ROK,JPN";
  ASSERT_EQ(Play(options, Turn("3", "2") + "quit\n"), kExitOk) << err_.str();
  const std::string out = out_.str();
  const auto rok = out.find("Turn 1 briefing for ROK"), jpn = out.find("Turn 1 briefing for JPN");
  ASSERT_NE(rok, std::string::npos);
  ASSERT_NE(jpn, std::string::npos);
  EXPECT_LT(rok, jpn);
}

TEST_F(PlayTest, BriefingsSayOnlyWhatATeamCanKnowAndNewsComesFirst) {
  std::string input;
  for (int t = 0; t < 6; ++t) input += Turn("5", "4");
  ASSERT_EQ(Play(Options("briefed"), input + "quit\n"), kExitOk) << err_.str();
  const std::string out = out_.str();
  // Turn 1 has no last turn to estimate.
  const std::string turn1 = out.substr(0, out.find("Turn 2 briefing"));
  EXPECT_EQ(turn1.find("last turn"), std::string::npos) << turn1;
  EXPECT_NE(turn1.find("no turn has been played yet"), std::string::npos);
  // The scheduled inject of turn 5 is news before the teams decide.
  const auto news = out.find("News at the start of turn 5");
  ASSERT_NE(news, std::string::npos) << out;
  EXPECT_LT(news, out.find("Turn 5 briefing for JPN"));
  // No option with closed bases reads as opening them; no side estimate is
  // smaller than what the team itself delivered.
  std::istringstream lines(out);
  int estimates = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.find("bases closed  (") != std::string::npos) {
      EXPECT_NE(line.find("stay closed"), std::string::npos) << line;
    }
    double side = 0, other = 0, own = 0;
    if (std::sscanf(line.c_str(),
                    "  last turn, estimated under fog: your side delivered ~%lf, the other side "
                    "~%lf; you delivered %lf yourself",
                    &side, &other, &own) == 3) {
      ++estimates;
      EXPECT_GE(side, own) << line;
    }
  }
  EXPECT_GE(estimates, 10);
}

}  // namespace
}  // namespace overstretch::cli
