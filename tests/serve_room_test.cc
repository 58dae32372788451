// `overstretch serve`: the game room (tools/classroom/serve/game_room.h) —
// parallel orders, revisions, the model deciding for a team whose orders are
// incomplete, facilitator steps, saving and replaying, and above all what
// each team's view may and may not contain.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "tests/serve_test_support.h"
#include "tests/test_support.h"
#include "tools/classroom/serve/game_room.h"

namespace overstretch::serve {
namespace {

class ServeRoomTest : public testing::KoreaJapanRoomTest {
 protected:
  void SetUp() override {
    ASSERT_TRUE(loaded_.scenario);
    jpn_ = Actor("JPN");
    rok_ = Actor("ROK");
    room_ = MakeRoom();
  }

  std::unique_ptr<GameRoom> MakeRoom() { return RoomOf({rok_, jpn_}); }

  // Orders option `pick(menu size)` in every theater where `team` decides.
  void OrderAll(ActorIndex team, const std::function<long long(const Json& options)>& pick) {
    const Json view = room_->TeamView(team);
    for (const auto& t : view["briefing"]["theaters"]) {
      if (t["options"].empty()) continue;
      EXPECT_EQ(room_->SetOrder(team, t["id"].get<std::string>(), pick(t["options"])), "");
    }
  }

  ActorIndex jpn_, rok_;
  std::unique_ptr<GameRoom> room_;
};

long long First(const Json&) { return 0; }
long long Last(const Json& options) { return static_cast<long long>(options.size()) - 1; }

// Every number in `j`, as the JSON text the server sends spells it.
void Numbers(const Json& j, std::vector<double>* out) {
  if (j.is_number_float()) out->push_back(j.get<double>());
  if (j.is_structured()) {
    for (const auto& v : j) Numbers(v, out);
  }
}

bool HasKey(const Json& j, const std::string& key) {
  if (j.is_object() && j.contains(key)) return true;
  if (j.is_structured()) {
    for (const auto& v : j) {
      if (HasKey(v, key)) return true;
    }
  }
  return false;
}

TEST_F(ServeRoomTest, EveryTeamIsBriefedAtOnceAndOrdersInParallel) {
  EXPECT_EQ(room_->open_turn(), 1);
  for (ActorIndex t : {jpn_, rok_}) {
    const Json v = room_->TeamView(t);
    ASSERT_TRUE(v["briefing"].is_object());
    EXPECT_EQ(v["briefing"]["turn"], 1);
    EXPECT_FALSE(v["briefing"]["theaters"].empty());
  }
  // The board follows the order given (ROK first), not the alphabet.
  const Json board = room_->ProjectorView()["public"]["board"];
  EXPECT_EQ(board[0]["team"], "ROK");
  EXPECT_EQ(board[1]["team"], "JPN");
  // Orders in only when complete; a revision takes them back.
  EXPECT_NE(room_->SetReady(jpn_, true), "");
  OrderAll(jpn_, First);
  EXPECT_EQ(room_->SetReady(jpn_, true), "");
  EXPECT_TRUE(room_->TeamView(jpn_)["ready"].get<bool>());
  EXPECT_FALSE(room_->AllReady());
  OrderAll(jpn_, Last);
  EXPECT_FALSE(room_->TeamView(jpn_)["ready"].get<bool>());
  EXPECT_EQ(room_->SetReady(jpn_, true), "");
  OrderAll(rok_, First);
  EXPECT_EQ(room_->SetReady(rok_, true), "");
  EXPECT_TRUE(room_->AllReady());
  // Bad orders are refused without changing anything.
  EXPECT_NE(room_->SetOrder(jpn_, "NOWHERE", 0), "");
  EXPECT_NE(room_->SetOrder(jpn_, "KOR", 99), "");
  EXPECT_NE(room_->SetOrder(jpn_, "KOR", -2), "");
  EXPECT_TRUE(room_->AllReady());
  EXPECT_EQ(room_->CloseTurn(false), "");
  EXPECT_EQ(room_->open_turn(), 2);
  EXPECT_FALSE(room_->AllReady());  // new turn, new orders
  EXPECT_TRUE(room_->TeamView(jpn_)["orders"].empty());
}

TEST_F(ServeRoomTest, TheModelDecidesForATeamWithIncompleteOrdersAndItIsMarked) {
  OrderAll(jpn_, Last);
  EXPECT_EQ(room_->CloseTurn(true), "");
  const Json jpn = room_->TeamView(jpn_)["history"][0];
  const Json rok = room_->TeamView(rok_)["history"][0];
  EXPECT_FALSE(jpn["model_decided_for_you"].get<bool>());
  EXPECT_TRUE(rok["model_decided_for_you"].get<bool>());
  const Json f = room_->FacilitatorView()["history"][0];
  EXPECT_EQ(f["model_decided"], Json::array({"ROK"}));
  EXPECT_TRUE(f["closed_by_timer"].get<bool>());
  EXPECT_EQ(room_->SaveJson()["log"][0]["model_decides"], Json::array({"ROK"}));
}

TEST_F(ServeRoomTest, OverCommitmentIsShownWhileEntering) {
  // Play to turn 3, when the Taiwan Strait opens: two theaters to deploy in.
  for (int t = 0; t < 2; ++t) ASSERT_EQ(room_->CloseTurn(false), "");
  const Json view = room_->TeamView(jpn_);
  int deploy_theaters = 0;
  double expected = 0.0;
  for (const auto& t : view["briefing"]["theaters"]) {
    for (std::size_t i = 0; i < t["options"].size(); ++i) {
      const Json& o = t["options"][i];
      if (o["posture"] == "deploy" && o["share"].get<double>() == 1.0) {
        ASSERT_EQ(room_->SetOrder(jpn_, t["id"].get<std::string>(), static_cast<long long>(i)), "");
        expected += 1.0;
        ++deploy_theaters;
        break;
      }
    }
  }
  ASSERT_GE(deploy_theaters, 2) << view["briefing"].dump();
  const Json after = room_->TeamView(jpn_);
  EXPECT_DOUBLE_EQ(after["committed_share"].get<double>(), expected);
  EXPECT_TRUE(after["overcommitted"].get<bool>());
}

TEST_F(ServeRoomTest, ATeamNeverSeesAnotherTeamsOrdersOrAnyTrueForce) {
  OrderAll(rok_, Last);
  OrderAll(jpn_, First);
  for (int turn = 0; turn < 3; ++turn) {
    const Json jpn_view = room_->TeamView(jpn_);
    // Only its own orders, and nothing from the facilitator's view.
    for (const char* secret : {"truth", "teams", "who", "phi_challengers", "phi_defenders",
                               "p_challengers", "loss_share_challengers", "actor"}) {
      EXPECT_FALSE(HasKey(jpn_view, secret)) << secret;
    }
    ASSERT_EQ(room_->CloseTurn(false), "");
    OrderAll(rok_, Last);
  }
  const Json jpn_view = room_->TeamView(jpn_);
  const Json truth = room_->FacilitatorView();
  // The true figures the facilitator sees: delivered forces, odds, losses,
  // every other actor's forces. None may appear in Japan's view.
  std::vector<double> secrets;
  for (const auto& r : truth["history"]) {
    for (const auto& t : r["theaters"]) {
      for (const char* k : {"phi_challengers", "phi_defenders", "p_challengers"}) {
        secrets.push_back(t[k].get<double>());
      }
      for (const auto& w : t["who"]) {
        if (w["actor"] != "JPN") secrets.push_back(w["departed"].get<double>());
      }
    }
  }
  for (const auto& a : truth["truth"]["actors"]) {
    if (a["id"] != "JPN") {
      secrets.push_back(a["forces"].get<double>());
      secrets.push_back(a["available"].get<double>());
    }
  }
  std::vector<double> shown;
  Numbers(jpn_view, &shown);
  int checked = 0;
  for (double s : secrets) {
    if (s == 0.0 || s == 0.5 || s == std::round(s)) continue;  // too common to be telling
    ++checked;
    for (double x : shown) EXPECT_NE(x, s) << "a true figure in Japan's view: " << s;
  }
  EXPECT_GT(checked, 10);
  // ROK's orders for the open turn are not in Japan's view; its own are.
  EXPECT_TRUE(jpn_view["orders"].empty());
  EXPECT_FALSE(room_->TeamView(rok_)["orders"].empty());
}

TEST_F(ServeRoomTest, InjectsAreCheckedAnnouncedWithAHeadlineAndUndone) {
  EXPECT_NE(room_->Inject("{set: actors.NOBODY.forces, value: 1}", "x"), "");
  EXPECT_NE(room_->Inject("", "x"), "");
  EXPECT_TRUE(room_->session().steps().empty());
  ASSERT_EQ(room_->Inject("{tie: {between: [JPN, ROK], intel: 0.6}}", "GSOMIA restored"), "");
  const Json headlines = room_->TeamView(rok_)["public"]["headlines"];
  ASSERT_FALSE(headlines.empty());
  EXPECT_EQ(headlines.back()["text"], "GSOMIA restored");
  EXPECT_EQ(headlines.back()["turn"], 1);
  // Without a headline, an inject is the facilitator's secret.
  ASSERT_EQ(room_->Inject("{set: actors.US.global_commitments, value: 0.9}", ""), "");
  EXPECT_EQ(room_->TeamView(rok_)["public"]["headlines"].size(), headlines.size());
  EXPECT_EQ(room_->Undo(), "");
  EXPECT_EQ(room_->Undo(), "");
  EXPECT_TRUE(room_->TeamView(rok_)["public"]["headlines"].empty());
  EXPECT_NE(room_->Undo(), "");
}

TEST_F(ServeRoomTest, ScheduledInjectsAreInTheBriefingBeforeTheTeamsDecide) {
  // korea_japan.yaml schedules "Crisis in Europe ..." at turn 5.
  for (int t = 0; t < 4; ++t) ASSERT_EQ(room_->CloseTurn(false), "");
  ASSERT_EQ(room_->open_turn(), 5);
  bool announced = false;
  const Json view = room_->TeamView(jpn_);
  for (const auto& h : view["public"]["headlines"]) {
    announced |= h["turn"] == 5 && h["text"].get<std::string>().find("Europe") != std::string::npos;
  }
  EXPECT_TRUE(announced) << view["public"]["headlines"].dump();
}

TEST_F(ServeRoomTest, OverridesNeedAReasonAndAnActiveTheater) {
  EXPECT_NE(room_->Override("KOR", "control", "0.2", ""), "");  // not yet open
  ASSERT_EQ(room_->CloseTurn(false), "");
  EXPECT_NE(room_->Override("KOR", "control", "0.2", "  "), "");
  EXPECT_NE(room_->Override("KOR", "control", "1.5", "ceasefire"), "");
  EXPECT_NE(room_->Override("KOR", "escalation", "9", "ceasefire"), "");
  EXPECT_NE(room_->Override("KOR", "forces", "1", "ceasefire"), "");
  EXPECT_NE(room_->Override("KOR X", "control", "0.2", "ceasefire"), "");
  EXPECT_EQ(room_->session().steps().size(), 1u);
  ASSERT_EQ(room_->Override("KOR", "control", "0.2", "ceasefire along the DMZ"), "");
  EXPECT_DOUBLE_EQ(room_->ProjectorView()["public"]["theaters"][0]["control"].get<double>(), 0.2);
}

TEST_F(ServeRoomTest, ASavedGameReplaysToTheSameState) {
  OrderAll(jpn_, Last);
  OrderAll(rok_, First);
  ASSERT_EQ(room_->CloseTurn(false), "");
  ASSERT_EQ(room_->Inject("{tie: {between: [JPN, ROK], intel: 0.6}}", "GSOMIA restored"), "");
  OrderAll(jpn_, Last);
  ASSERT_EQ(room_->CloseTurn(true), "");  // ROK: the model decides
  ASSERT_EQ(room_->Override("KOR", "escalation", "1", "talks"), "");
  ASSERT_EQ(room_->Undo(), "");
  ASSERT_EQ(room_->CloseTurn(false), "");
  const Json saved = room_->SaveJson();
  auto again = MakeRoom();
  std::string error;
  ASSERT_TRUE(again->Replay(saved["log"], &error)) << error;
  EXPECT_EQ(again->FacilitatorView()["truth"], room_->FacilitatorView()["truth"]);
  EXPECT_EQ(again->TeamView(jpn_)["public"], room_->TeamView(jpn_)["public"]);
  EXPECT_EQ(again->SaveJson()["log"], saved["log"]);
  // A log that does not fit the scenario is refused with the entry named.
  Json bad = saved["log"];
  bad[0]["turn"] = 7;
  auto third = MakeRoom();
  EXPECT_FALSE(third->Replay(bad, &error));
  EXPECT_NE(error.find("log entry 1"), std::string::npos) << error;
}

TEST_F(ServeRoomTest, LongNonAsciiTextIsNeverCutMidCharacter) {
  // Text a room echoes is cut at a byte count (300 for a headline, 40 for a
  // theater in a refusal); cut inside a UTF-8 character it made every view
  // and the refusal throw when sent as JSON, which took the server down.
  std::string headline(299, 'a');
  for (int i = 0; i < 10; ++i) headline += "\u65e5\u672c";  // two 3-byte characters
  ASSERT_EQ(room_->Inject("{tie: {between: [JPN, ROK], intel: 0.6}}", headline), "");
  for (const Json& view :
       {room_->TeamView(jpn_), room_->FacilitatorView(), room_->ProjectorView()}) {
    EXPECT_NO_THROW((void)view.dump());
  }
  const std::string refused = room_->SetOrder(jpn_, std::string(39, 'x') + "\u65e5\u672c", 0);
  ASSERT_NE(refused, "");
  const Json message{{"type", "error"}, {"message", refused}};
  EXPECT_NO_THROW((void)message.dump()) << refused;
}

}  // namespace
}  // namespace overstretch::serve
