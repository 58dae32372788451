// Saved games as a careless or hostile editor leaves them (issue 12, item 8),
// through all three readers: `play --resume`, `play --branch` and `serve
// --resume`. A log entry of the wrong shape or type is a clear error (exit 2,
// naming the entry), and an edit of the seed, the settings, the scenario's
// hash or the log is caught by the save's integrity check instead of
// replaying silently as a different game. Version 1 saves (no check) still
// load, with a warning.
#include "tools/classroom/saved_game.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "tests/test_support.h"
#include "tools/classroom/play.h"
#include "tools/classroom/serve/serve_game.h"
#include "tools/runio/exit_status.h"

namespace overstretch::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::ReadFile;

const std::string kScenario = std::string(OVERSTRETCH_SOURCE_DIR) + "/scenarios/gsomia.yaml";

class SavedGameTest : public testing::CommandLineTest {
 protected:
  // A game of two turns (JPN and ROK played, an inject between them) saved
  // to game.json; `saved_` is its content.
  void SetUp() override {
    CommandLineTest::SetUp();
    PlayOptions o;
    o.scenario = kScenario;
    o.humans = "JPN,ROK";
    o.sets = {"run.turns=6", "injects.gsomia_suspended.turn=5"};
    o.out = (dir_ / "played").string();
    o.save = (dir_ / "game.json").string();
    std::istringstream in(
        "next\n2\n3\ninject {set: actors.US.global_commitments, value: 0.9}\n"
        "next\n1\n1\nquit\n");
    ASSERT_EQ(RunPlay(o, registry_, in, out_, err_), kExitOk) << err_.str();
    saved_ = json::parse(ReadFile(dir_ / "game.json"));
    ASSERT_EQ(saved_["log"].size(), 3u);
  }

  // Writes `save` to NAME; sealed: with a recomputed integrity field (an
  // editor who knows the check), else as it is.
  std::string Write(const std::string& name, const json& save, bool sealed) {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary)
        << (sealed ? SaveText(nlohmann::ordered_json::parse(save.dump())) : save.dump(2));
    return path.string();
  }

  int Resume(const std::string& file) {
    PlayOptions o;
    o.resume = file;
    o.save = (dir_ / "resaved.json").string();
    o.out = (dir_ / "resumed").string();
    return Play(o);
  }
  int Branch(const std::string& file) {
    PlayOptions o;
    o.branch = file;
    o.branch_turn = 1;
    o.save = (dir_ / "branched.json").string();
    o.out = (dir_ / "branched").string();
    return Play(o);
  }
  // serve --resume on port 0, stopped as soon as it listens.
  int Serve(const std::string& file) {
    serve::ServeOptions o;
    o.resume = file;
    o.port = 0;
    o.out = (dir_ / "served").string();
    o.save = (dir_ / "served.json").string();
    o.on_listening = [](unsigned short, std::vector<std::string>, std::function<void()> stop) {
      stop();
    };
    out_.str("");
    err_.str("");
    return serve::RunServe(o, registry_, out_, err_);
  }

  int Play(const PlayOptions& o) {
    std::istringstream in("quit\n");
    out_.str("");
    err_.str("");
    return RunPlay(o, registry_, in, out_, err_);
  }

  // All three readers refuse `file` with exit 2 and a message containing
  // `expected` (and no internal error).
  void ExpectRefusedEverywhere(const std::string& file, const std::string& expected) {
    for (const char* reader : {"play --resume", "play --branch", "serve --resume"}) {
      const std::string r = reader;
      const int code = r == "play --resume"   ? Resume(file)
                       : r == "play --branch" ? Branch(file)
                                              : Serve(file);
      EXPECT_EQ(code, kExitBadInput) << reader << ": " << err_.str();
      EXPECT_NE(err_.str().find(expected), std::string::npos) << reader << ": " << err_.str();
      EXPECT_EQ(err_.str().find("internal"), std::string::npos) << reader << ": " << err_.str();
      EXPECT_EQ(err_.str().find("json.exception"), std::string::npos)
          << reader << ": " << err_.str();
    }
  }

  json saved_;
};

TEST_F(SavedGameTest, AnUneditedSaveLoadsEverywhereAndAReformattedOneToo) {
  EXPECT_EQ(saved_["version"], 2);
  ASSERT_TRUE(saved_.contains("integrity"));
  EXPECT_EQ(Resume((dir_ / "game.json").string()), kExitOk) << err_.str();
  EXPECT_EQ(err_.str(), "");
  EXPECT_EQ(Branch((dir_ / "game.json").string()), kExitOk) << err_.str();
  EXPECT_EQ(Serve((dir_ / "game.json").string()), kExitOk) << err_.str();
  // The check is over the JSON values, not the bytes: indentation and key
  // order may change (an editor that reformats the file).
  const std::string reformatted = Write("reformatted.json", saved_, false);
  EXPECT_EQ(Resume(reformatted), kExitOk) << err_.str();
  // Saving again keeps the check valid (resaved.json is what Resume wrote).
  EXPECT_EQ(Resume((dir_ / "resaved.json").string()), kExitOk) << err_.str();
}

TEST_F(SavedGameTest, LogEntriesOfTheWrongTypeAreClearErrors) {
  const json decisions = saved_["log"][0]["decisions"];
  const json wrong[] = {
      json{{"turn", 1}, {"decisions", decisions}, {"command", 5}},
      json{{"turn", 1}, {"decisions", decisions}, {"command", "undo"}},
      json{{"command", 5}},
      json{{"command", json::array({"undo"})}},
      json{{"command", "undo"}, {"headline", 7}},
      json{{"command", "undo"}, {"by", "me"}},
      json{{"turn", "1"}, {"decisions", decisions}},
      json{{"turn", 1.5}, {"decisions", decisions}},
      json{{"turn", 1}, {"decisions", "all of them"}},
      json{{"turn", 1}, {"decisions", decisions}, {"model_decides", "ROK"}},
      json{{"turn", 1}, {"decisions", decisions}, {"extra", nullptr}},
      json("undo"),
      json(nullptr),
  };
  for (const json& entry : wrong) {
    SCOPED_TRACE(entry.dump());
    json save = saved_;
    save["log"][0] = entry;
    ExpectRefusedEverywhere(Write("wrong.json", save, true), "log entry 1: ");
  }
}

TEST_F(SavedGameTest, AnEditedSeedSettingOrLogIsCaughtByTheIntegrityCheck) {
  const auto edited = [&](const char* what, auto&& edit) {
    SCOPED_TRACE(what);
    json save = saved_;
    edit(save);
    ExpectRefusedEverywhere(Write("edited.json", save, false), "was edited after it was saved");
  };
  edited("seed", [](json& s) { s["seed"] = s["seed"].get<std::uint64_t>() + 1; });
  edited("sets", [](json& s) { s["sets"] = json::array({"run.turns=5"}); });
  edited("scenario hash", [](json& s) { s["scenario_fnv1a64"] = "0123456789abcdef"; });
  edited("humans", [](json& s) { s["humans"] = json::array({"JPN"}); });
  edited("a decision", [](json& s) { s["log"][0]["decisions"][0]["posture"] = "abstain"; });
  edited("a command", [](json& s) { s["log"][1]["command"] = "undo"; });
  edited("the check itself", [](json& s) { s["integrity"] = "0000000000000000"; });
  edited("a field added", [](json& s) { s["note"] = "hello"; });
  // A version 2 save must carry the check; a version 1 save must not.
  json no_check = saved_;
  no_check.erase("integrity");
  ExpectRefusedEverywhere(Write("no_check.json", no_check, false), "'integrity' missing");
  json old_with_check = saved_;
  old_with_check["version"] = 1;
  ExpectRefusedEverywhere(Write("old_with_check.json", old_with_check, false),
                          "a version 1 save has no 'integrity'");
}

TEST_F(SavedGameTest, AVersion1SaveStillLoadsWithAWarning) {
  json old = saved_;
  old.erase("integrity");
  old["version"] = 1;
  const std::string file = Write("old.json", old, false);
  EXPECT_EQ(Resume(file), kExitOk) << err_.str();
  EXPECT_NE(err_.str().find("warning: " + file + ": saved by an older overstretch"),
            std::string::npos)
      << err_.str();
  EXPECT_EQ(Branch(file), kExitOk) << err_.str();
  EXPECT_NE(err_.str().find("without an integrity check"), std::string::npos) << err_.str();
  EXPECT_EQ(Serve(file), kExitOk) << err_.str();
  EXPECT_NE(err_.str().find("without an integrity check"), std::string::npos) << err_.str();
  // Saving it again writes version 2 with the check.
  EXPECT_EQ(Resume(file), kExitOk) << err_.str();
  const json resaved = json::parse(ReadFile(dir_ / "resaved.json"));
  EXPECT_EQ(resaved["version"], 2);
  EXPECT_EQ(resaved["integrity"], SaveIntegrity(resaved));
  // Wrong types in a version 1 save are refused as in version 2.
  old["log"][0]["command"] = 5;
  ExpectRefusedEverywhere(Write("old_wrong.json", old, false), "log entry 1: ");
}

}  // namespace
}  // namespace overstretch::cli
