// `overstretch serve`: messages and proposals between teams (tools/classroom/
// serve/talks.h, room_talks.cc) — who receives them (the two parties and the
// facilitator; never the projector or a third team), what a team may propose
// (only ties between itself and another team), what an answer does to the
// state, and that a saved game replays its talks identically.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <limits>

#include "tests/serve_test_support.h"
#include "tests/test_support.h"
#include "tools/classroom/report.h"
#include "tools/classroom/saved_game.h"
#include "tools/classroom/serve/game_room.h"

namespace overstretch::serve {
namespace {

class ServeTalksTest : public testing::KoreaJapanRoomTest {
 protected:
  void SetUp() override {
    ASSERT_TRUE(loaded_.scenario);
    jpn_ = Actor("JPN");
    rok_ = Actor("ROK");
    us_ = Actor("US");
    room_ = MakeRoom();
  }

  // Three teams: JPN and ROK talk, the US is the third team that must not hear.
  std::unique_ptr<GameRoom> MakeRoom() { return RoomOf({jpn_, rok_, us_}); }

  // The tie from -> to in the facilitator's true state (null if none).
  Json Tie(const GameRoom& room, const std::string& from, const std::string& to) const {
    const Json view = room.FacilitatorView();  // kept alive for the loop
    for (const auto& t : view["truth"]["ties"]) {
      if (t["from"] == from && t["to"] == to) return t;
    }
    return Json();
  }

  std::string Seen(ActorIndex team) const { return room_->TeamView(team).dump(); }
  std::string Projector() const { return room_->ProjectorView().dump(); }
  std::string Facilitator() const { return room_->FacilitatorView().dump(); }
  bool Contains(const std::string& text, const std::string& what) const {
    return text.find(what) != std::string::npos;
  }

  ActorIndex jpn_, rok_, us_;
  std::unique_ptr<GameRoom> room_;
};

TEST_F(ServeTalksTest, AMessageReachesOnlyItsTwoPartiesAndTheFacilitator) {
  ASSERT_EQ(room_->SendMessage(jpn_, "ROK", "kiwi-to-rok: meet at the DMZ"), "");
  ASSERT_EQ(room_->SendMessage(rok_, "facilitator", "mango-to-fac: may we talk to the US?"), "");
  ASSERT_EQ(room_->SendMessage(std::nullopt, "JPN", "papaya-to-jpn: the cabinet is waiting"), "");
  const std::string jpn = Seen(jpn_), rok = Seen(rok_), us = Seen(us_);
  EXPECT_TRUE(Contains(jpn, "kiwi-to-rok") && Contains(rok, "kiwi-to-rok"));
  EXPECT_TRUE(Contains(rok, "mango-to-fac") && !Contains(jpn, "mango-to-fac"));
  EXPECT_TRUE(Contains(jpn, "papaya-to-jpn") && !Contains(rok, "papaya-to-jpn"));
  for (const char* secret : {"kiwi-to-rok", "mango-to-fac", "papaya-to-jpn"}) {
    EXPECT_FALSE(Contains(us, secret)) << "the third team heard " << secret;
    EXPECT_FALSE(Contains(Projector(), secret)) << "the projector showed " << secret;
    // The facilitator sees every message; its "view as US" shows none.
    EXPECT_TRUE(Contains(room_->FacilitatorView()["talks"].dump(), secret)) << secret;
    EXPECT_FALSE(Contains(room_->FacilitatorView()["team_views"]["US"].dump(), secret));
  }
  const Json m = room_->TeamView(rok_)["talks"]["messages"][0];
  EXPECT_EQ(m["from"], "JPN");
  EXPECT_EQ(m["to"], "ROK");
  EXPECT_EQ(m["turn"], 1);
  EXPECT_TRUE(room_->session().steps().empty());  // talk changes nothing in the game
}

TEST_F(ServeTalksTest, BadMessagesAreRefusedAndLeaveNoTrace) {
  const Json before = room_->SaveJson();
  const std::string too_long(kMaxTalkChars + 1, 'x');
  EXPECT_NE(room_->SendMessage(jpn_, "ROK", ""), "");
  EXPECT_NE(room_->SendMessage(jpn_, "ROK", " \t\n "), "");
  EXPECT_NE(room_->SendMessage(jpn_, "ROK", too_long), "");
  EXPECT_NE(room_->SendMessage(jpn_, "JPN", "to myself"), "");
  EXPECT_NE(room_->SendMessage(jpn_, "PRC", "a model, not a team"), "");
  EXPECT_NE(room_->SendMessage(jpn_, "NOBODY", "hello"), "");
  EXPECT_NE(room_->SendMessage(std::nullopt, "facilitator", "to myself"), "");
  EXPECT_NE(room_->SendMessage(std::nullopt, "projector", "hello"), "");
  EXPECT_EQ(room_->SaveJson(), before);
  EXPECT_TRUE(room_->FacilitatorView()["talks"]["messages"].empty());
  // The longest allowed message goes through.
  EXPECT_EQ(room_->SendMessage(jpn_, "ROK", std::string(kMaxTalkChars, 'y')), "");
}

TEST_F(ServeTalksTest, ATeamProposesOnlyTiesBetweenItselfAndAnotherTeam) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_NE(room_->Propose(jpn_, "JPN", "access", "give", 1, true, ""), "");
  EXPECT_NE(room_->Propose(jpn_, "PRC", "access", "give", 1, true, ""), "");  // not a team
  EXPECT_NE(room_->Propose(jpn_, "NOBODY", "access", "give", 1, true, ""), "");
  EXPECT_NE(room_->Propose(jpn_, "ROK", "hostility", "give", 1, true, ""), "");
  EXPECT_NE(room_->Propose(jpn_, "ROK", "trust", "give", 1, true, ""), "");
  EXPECT_NE(room_->Propose(jpn_, "ROK", "access", "take", 1, true, ""), "");
  EXPECT_NE(room_->Propose(jpn_, "ROK", "access", "give", 1.5, true, ""), "");
  EXPECT_NE(room_->Propose(jpn_, "ROK", "access", "give", -0.1, true, ""), "");
  EXPECT_NE(room_->Propose(jpn_, "ROK", "access", "give", nan, true, ""), "");
  EXPECT_NE(
      room_->Propose(jpn_, "ROK", "access", "give", 1, true, std::string(kMaxTalkChars + 1, 'n')),
      "");
  EXPECT_TRUE(room_->SaveJson()["log"].empty());
  ASSERT_EQ(room_->Propose(jpn_, "ROK", "access", "give", 1, true, "apricot-note"), "");
  // Only the recipient answers; only the proposer withdraws; the third team
  // can do neither, and never sees the proposal.
  EXPECT_NE(room_->Answer(us_, 1, "accept"), "");
  EXPECT_NE(room_->Answer(jpn_, 1, "accept"), "");
  EXPECT_NE(room_->Answer(rok_, 1, "withdraw"), "");
  EXPECT_NE(room_->Answer(us_, 1, "withdraw"), "");
  EXPECT_NE(room_->Answer(rok_, 2, "accept"), "");
  EXPECT_NE(room_->Answer(rok_, 0, "accept"), "");
  EXPECT_NE(room_->Answer(rok_, 1, "maybe"), "");
  EXPECT_EQ(room_->TeamView(rok_)["talks"]["proposals"][0]["status"], "pending");
  for (const std::string& view : {Seen(us_), Projector()}) {
    EXPECT_FALSE(Contains(view, "apricot-note"));
    EXPECT_FALSE(Contains(view, "access to its bases"));
  }
  EXPECT_TRUE(Contains(Seen(jpn_), "apricot-note") && Contains(Seen(rok_), "apricot-note"));
  EXPECT_TRUE(Contains(Facilitator(), "apricot-note"));
  EXPECT_EQ(room_->Answer(jpn_, 1, "withdraw"), "");
  EXPECT_NE(room_->Answer(rok_, 1, "accept"), "");  // withdrawn: too late
  EXPECT_EQ(room_->TeamView(rok_)["talks"]["proposals"][0]["status"], "withdrawn");
}

TEST_F(ServeTalksTest, AnAcceptedProposalTakesEffectWhenTheTurnClosesBeforeTheAdjudication) {
  const Json before = Tie(*room_, "JPN", "ROK");
  ASSERT_TRUE(before.is_null() || before["access"].get<double>() < 1.0) << before.dump();
  ASSERT_EQ(room_->Propose(jpn_, "ROK", "access", "give", 1, true, "use Okinawa"), "");
  EXPECT_EQ(Tie(*room_, "JPN", "ROK"), before);  // a proposal alone changes nothing
  ASSERT_EQ(room_->Answer(rok_, 1, "accept"), "");
  // Accepted, it waits for the close (the facilitator may still veto it).
  EXPECT_EQ(Tie(*room_, "JPN", "ROK"), before);
  EXPECT_TRUE(room_->session().steps().empty());
  EXPECT_TRUE(room_->ProjectorView()["public"]["headlines"].empty());
  Json p = room_->TeamView(jpn_)["talks"]["proposals"][0];
  EXPECT_EQ(p["status"], "accepted");
  EXPECT_FALSE(p["in_effect"].get<bool>());
  EXPECT_NE(room_->Answer(rok_, 1, "decline"), "");  // answered once
  ASSERT_EQ(room_->CloseTurn(false), "");
  const Json after = Tie(*room_, "JPN", "ROK");
  ASSERT_FALSE(after.is_null());
  EXPECT_EQ(after["access"].get<double>(), 1.0);
  // Through the facilitator's inject path: one inject step, then turn 1.
  ASSERT_EQ(room_->session().steps().size(), 2u);
  EXPECT_EQ(room_->session().steps()[0].kind, cli::Step::Kind::kInject);
  EXPECT_EQ(room_->session().steps()[0].inject.turn, 1);
  EXPECT_EQ(room_->session().steps()[1].kind, cli::Step::Kind::kTurn);
  // Announced: a headline of turn 1 on every page, the projector's included.
  const Json headlines = room_->ProjectorView()["public"]["headlines"];
  ASSERT_EQ(headlines.size(), 1u);
  EXPECT_EQ(headlines[0]["turn"], 1);
  EXPECT_TRUE(Contains(headlines[0]["text"].get<std::string>(), "JPN grants ROK access"));
  EXPECT_TRUE(Contains(Seen(us_), "JPN grants ROK access"));
  EXPECT_FALSE(Contains(Seen(us_), "use Okinawa"));  // the note stays private
  p = room_->TeamView(jpn_)["talks"]["proposals"][0];
  EXPECT_TRUE(p["in_effect"].get<bool>());
  EXPECT_TRUE(Contains(room_->FacilitatorView()["facilitator_steps"][0].get<std::string>(),
                       "agreement between teams: JPN grants ROK access"));
  EXPECT_NE(room_->Veto(1, "too late"), "");  // in effect: only undo takes it back
  // Undoing the turn leaves the agreement in effect; undoing it too takes it
  // back for good: closing the turn again does not enact it again.
  ASSERT_EQ(room_->Undo(), "");
  EXPECT_EQ(Tie(*room_, "JPN", "ROK")["access"].get<double>(), 1.0);
  ASSERT_EQ(room_->Undo(), "");
  EXPECT_EQ(Tie(*room_, "JPN", "ROK"), before);
  p = room_->TeamView(jpn_)["talks"]["proposals"][0];
  EXPECT_FALSE(p["in_effect"].get<bool>());
  EXPECT_TRUE(p["undone"].get<bool>());
  ASSERT_EQ(room_->CloseTurn(false), "");
  EXPECT_EQ(Tie(*room_, "JPN", "ROK"), before);
  EXPECT_EQ(room_->session().steps().size(), 1u);
}

TEST_F(ServeTalksTest, TheFacilitatorVetoesWithAReasonOnlyThePartiesAreShown) {
  ASSERT_EQ(room_->Propose(jpn_, "ROK", "access", "give", 1, true, ""), "");
  EXPECT_NE(room_->Veto(1, ""), "");  // the reason is required
  EXPECT_NE(room_->Veto(1, "  \t "), "");
  EXPECT_NE(room_->Veto(1, std::string(kMaxTalkChars + 1, 'r')), "");
  EXPECT_NE(room_->Veto(2, "no such proposal"), "");
  EXPECT_NE(room_->Veto(0, "no such proposal"), "");
  EXPECT_EQ(room_->TeamView(rok_)["talks"]["proposals"][0]["status"], "pending");
  ASSERT_EQ(room_->Veto(1, "kumquat-reason: not before the summit"), "");
  EXPECT_NE(room_->Answer(rok_, 1, "accept"), "");  // vetoed: closed
  EXPECT_NE(room_->Answer(jpn_, 1, "withdraw"), "");
  EXPECT_NE(room_->Veto(1, "twice"), "");
  for (ActorIndex party : {jpn_, rok_}) {
    const Json p = room_->TeamView(party)["talks"]["proposals"][0];
    EXPECT_EQ(p["status"], "vetoed");
    EXPECT_EQ(p["veto_reason"], "kumquat-reason: not before the summit");
  }
  EXPECT_TRUE(Contains(Facilitator(), "kumquat-reason"));
  EXPECT_FALSE(Contains(Seen(us_), "kumquat-reason"));  // the third team never learns of it
  EXPECT_FALSE(Contains(Seen(us_), "vetoed"));
  EXPECT_FALSE(Contains(Projector(), "kumquat-reason"));
  EXPECT_FALSE(Contains(Projector(), "vetoed"));
  EXPECT_FALSE(Contains(room_->FacilitatorView()["team_views"]["US"].dump(), "kumquat"));
  // An accepted proposal can be vetoed until the turn closes: it then never
  // takes effect.
  const Json before = Tie(*room_, "JPN", "ROK");
  ASSERT_EQ(room_->Propose(rok_, "JPN", "intel", "ask", 0.9, true, ""), "");
  ASSERT_EQ(room_->Answer(jpn_, 2, "accept"), "");
  ASSERT_EQ(room_->Veto(2, "the Diet has not ratified it"), "");
  ASSERT_EQ(room_->CloseTurn(false), "");
  EXPECT_EQ(Tie(*room_, "JPN", "ROK"), before);
  ASSERT_EQ(room_->session().steps().size(), 1u);  // the turn only
  EXPECT_TRUE(room_->ProjectorView()["public"]["headlines"].empty());
  EXPECT_EQ(room_->SaveJson()["log"][4]["veto"]["reason"], "the Diet has not ratified it");
}

TEST_F(ServeTalksTest, ADeclinedProposalChangesNothing) {
  const Json truth = room_->FacilitatorView()["truth"];
  ASSERT_EQ(room_->Propose(rok_, "JPN", "intel", "mutual", 0.6, true, ""), "");
  ASSERT_EQ(room_->Answer(jpn_, 1, "decline"), "");
  EXPECT_EQ(room_->FacilitatorView()["truth"], truth);
  EXPECT_TRUE(room_->session().steps().empty());
  EXPECT_TRUE(room_->ProjectorView()["public"]["headlines"].empty());
  EXPECT_EQ(room_->TeamView(rok_)["talks"]["proposals"][0]["status"], "declined");
  EXPECT_NE(room_->Answer(jpn_, 1, "accept"), "");
  EXPECT_EQ(room_->FacilitatorView()["truth"], truth);
}

TEST_F(ServeTalksTest, APrivateAgreementIsNotAnnouncedAndAskingWorksTheOtherWay) {
  // ROK asks Japan to share intelligence with it: the tie JPN -> ROK.
  ASSERT_EQ(room_->Propose(rok_, "JPN", "intel", "ask", 0.8, false, ""), "");
  ASSERT_EQ(room_->Answer(jpn_, 1, "accept"), "");
  ASSERT_EQ(room_->CloseTurn(false), "");
  EXPECT_EQ(Tie(*room_, "JPN", "ROK")["intel"].get<double>(), 0.8);
  EXPECT_TRUE(room_->ProjectorView()["public"]["headlines"].empty());
  EXPECT_FALSE(Contains(Seen(us_), "shares intelligence"));
  EXPECT_TRUE(Contains(Seen(rok_), "JPN shares intelligence with ROK"));
}

TEST_F(ServeTalksTest, AnUnansweredProposalLapsesWhenTheTurnCloses) {
  ASSERT_EQ(room_->Propose(jpn_, "ROK", "commitment", "mutual", 0.3, true, ""), "");
  ASSERT_EQ(room_->CloseTurn(false), "");
  EXPECT_EQ(room_->TeamView(rok_)["talks"]["proposals"][0]["status"], "lapsed");
  EXPECT_NE(room_->Answer(rok_, 1, "accept"), "");
  EXPECT_TRUE(Tie(*room_, "JPN", "ROK").is_null() ||
              Tie(*room_, "JPN", "ROK")["commitment"].get<double>() != 0.3);
}

TEST_F(ServeTalksTest, ASavedGameReplaysItsTalksIdenticallyAndTheRunAndReportShowThem) {
  ASSERT_EQ(room_->SendMessage(jpn_, "ROK", "shall we restore GSOMIA?"), "");
  ASSERT_EQ(room_->Propose(jpn_, "ROK", "intel", "mutual", 0.6, true, "GSOMIA in full"), "");
  ASSERT_EQ(room_->Answer(rok_, 1, "accept"), "");
  ASSERT_EQ(room_->Propose(rok_, "JPN", "access", "ask", 1, false, ""), "");
  ASSERT_EQ(room_->Answer(jpn_, 2, "decline"), "");
  ASSERT_EQ(room_->CloseTurn(false), "");  // agreement 1 takes effect
  ASSERT_EQ(room_->Propose(jpn_, "ROK", "commitment", "give", 0.3, true, ""), "");
  ASSERT_EQ(room_->Answer(rok_, 3, "accept"), "");
  ASSERT_EQ(room_->Veto(3, "the pledge was premature"), "");  // before it takes effect
  ASSERT_EQ(room_->SendMessage(std::nullopt, "ROK", "the cabinet must approve first"), "");
  ASSERT_EQ(room_->Propose(jpn_, "ROK", "access", "give", 0.5, true, ""), "");
  ASSERT_EQ(room_->CloseTurn(false), "");  // proposal 4 lapses
  ASSERT_EQ(room_->Propose(rok_, "JPN", "intel", "give", 0.9, true, ""), "");
  ASSERT_EQ(room_->Answer(jpn_, 5, "accept"), "");
  ASSERT_EQ(room_->CloseTurn(false), "");  // agreement 5, then turn 3
  ASSERT_EQ(room_->Undo(), "");            // turn 3
  ASSERT_EQ(room_->Undo(), "");            // agreement 5, for good
  const Json saved = room_->SaveJson();

  // The save is readable as a saved game, and resumes to the same game.
  const std::filesystem::path dir =
      std::filesystem::path(::testing::TempDir()) / ("serve_talks_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  Json file = cli::SaveHeader("korea_japan.yaml", "0", {}, 1, {"JPN", "ROK", "US"});
  file["log"] = saved["log"];
  overstretch::testing::WriteFile(dir / "game.json", cli::SaveText(file));
  std::string error;
  const std::optional<cli::SavedGame> read =
      cli::ReadSavedGame((dir / "game.json").string(), &error);
  ASSERT_TRUE(read) << error;
  auto again = MakeRoom();
  ASSERT_TRUE(again->Replay(read->log, &error)) << error;
  EXPECT_EQ(again->SaveJson()["log"], saved["log"]);
  EXPECT_EQ(again->FacilitatorView().dump(), room_->FacilitatorView().dump());
  for (ActorIndex t : {jpn_, rok_, us_}) EXPECT_EQ(again->TeamView(t), room_->TeamView(t));
  // Branching after turn 1 keeps the accepted proposal (a step), counts the
  // talks as no step, and ends right after turn 1.
  const std::optional<std::size_t> prefix = cli::BranchPrefix(read->log, 1);
  ASSERT_TRUE(prefix);
  EXPECT_TRUE(saved["log"][*prefix - 1].contains("turn"));
  EXPECT_EQ(saved["log"][*prefix - 1]["turn"], 1);
  // Turn 3 was played (after agreement 5 took effect), then undone with it:
  // the two undos take back the turn and the agreement, not turn 2.
  for (int turn : {2, 3}) {
    const std::optional<std::size_t> end = cli::BranchPrefix(read->log, turn);
    ASSERT_TRUE(end) << turn;
    EXPECT_EQ(saved["log"][*end - 1]["turn"], turn);
  }
  const std::size_t last = saved["log"].size();
  EXPECT_LT(*cli::BranchPrefix(read->log, 3), last);
  auto branched = MakeRoom();
  Json upto_two = Json::array();
  for (std::size_t i = 0; i < *cli::BranchPrefix(read->log, 2); ++i) {
    upto_two.push_back(saved["log"][i]);
  }
  ASSERT_TRUE(branched->Replay(upto_two, &error)) << error;
  EXPECT_EQ(branched->FacilitatorView()["truth"], room_->FacilitatorView()["truth"]);

  // The run directory has the talks in order, identically after the replay.
  const Json header{{"type", "classroom"}, {"humans", {"JPN", "ROK", "US"}}};
  bool bad_input = false;
  ASSERT_TRUE(room_->WriteRunDirectory(dir / "run", header, &error, &bad_input)) << error;
  ASSERT_TRUE(again->WriteRunDirectory(dir / "again", header, &error, &bad_input)) << error;
  const std::string events = overstretch::testing::ReadFile(dir / "run" / "events.jsonl");
  EXPECT_EQ(events, overstretch::testing::ReadFile(dir / "again" / "events.jsonl"));
  EXPECT_EQ(overstretch::testing::Count(events, "\"type\":\"message\""), 2u);
  EXPECT_EQ(overstretch::testing::Count(events, "\"type\":\"proposal\""), 5u);
  // 1 accepted, 2 declined, 3 accepted then vetoed, 4 lapsed, 5 accepted.
  EXPECT_EQ(overstretch::testing::Count(events, "\"type\":\"proposal_answer\""), 6u);
  EXPECT_EQ(overstretch::testing::Count(events, "\"reply\":\"vetoed\""), 1u);
  EXPECT_EQ(overstretch::testing::Count(events, "\"action\":\"veto\""), 1u);
  EXPECT_EQ(overstretch::testing::Count(events, "\"reason\":\"the pledge was premature\""), 2u);
  EXPECT_EQ(overstretch::testing::Count(events, "\"action\":\"agreement\""), 1u);  // 5 undone
  // The answer comes before the agreement it enacts, both before turn 1.
  EXPECT_LT(events.find("\"reply\":\"accepted\""), events.find("\"action\":\"agreement\""));
  EXPECT_LT(events.find("\"action\":\"agreement\""), events.find("\"type\":\"turn\""));
  cli::ReportData data;
  ASSERT_TRUE(cli::ReadRunDirectory(dir / "run", &data, &error)) << error;
  const std::string html = cli::RenderReportHtml(data);
  for (const char* shown :
       {"Messages and proposals between teams", "shall we restore GSOMIA?",
        "the cabinet must approve first", "GSOMIA in full", "declined", "lapsed", "vetoed",
        "JPN and ROK share intelligence with each other", "kept private"}) {
    EXPECT_TRUE(Contains(html, shown)) << shown;
  }
  // The veto's reason is in the talks table and the veto among the
  // facilitator's actions, not only in events.jsonl.
  EXPECT_TRUE(Contains(html, "vetoed: the pledge was premature"));
  EXPECT_TRUE(Contains(html, "<b>V1</b>"));
  EXPECT_TRUE(Contains(html, "reason: the pledge was premature"));
  std::filesystem::remove_all(dir);
}

TEST_F(ServeTalksTest, ACorruptTalkEntryIsRefusedWithItsPlace) {
  const Json bad_logs[] = {
      Json::array({Json{{"message", Json{{"from", "JPN"}, {"to", "ROK"}}}}}),
      Json::array({Json{{"message", Json{{"from", "PRC"}, {"to", "ROK"}, {"text", "x"}}}}}),
      Json::array({Json{{"proposal", Json{{"from", "JPN"},
                                          {"to", "JPN"},
                                          {"tie", "access"},
                                          {"direction", "give"},
                                          {"value", 1},
                                          {"announce", true},
                                          {"note", ""}}}}}),
      Json::array({Json{{"answer", Json{{"proposal", 1}, {"by", "ROK"}, {"reply", "accept"}}}}}),
      Json::array({Json{{"veto", Json{{"proposal", 1}, {"reason", "none proposed"}}}}}),
      Json::array({Json{{"veto", Json{{"proposal", 1}}}}}),
  };
  for (const Json& log : bad_logs) {
    auto room = MakeRoom();
    std::string error;
    EXPECT_FALSE(room->Replay(log, &error)) << log.dump();
    EXPECT_NE(error.find("log entry 1"), std::string::npos) << error;
  }
}

}  // namespace
}  // namespace overstretch::serve
