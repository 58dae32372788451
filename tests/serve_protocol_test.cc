// `overstretch serve`: the messages pages may send, and who may send which
// (tools/classroom/serve/protocol.h, access_codes.h).
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "tools/classroom/serve/access_codes.h"
#include "tools/classroom/serve/protocol.h"

namespace overstretch::serve {
namespace {

using K = ClientMessage::Kind;

std::optional<ClientMessage> Parse(const std::string& text, std::string* error = nullptr) {
  std::string e;
  auto m = ParseClientMessage(text, &e);
  if (error != nullptr) *error = e;
  return m;
}

TEST(ServeProtocolTest, ReadsEachKindWithItsFields) {
  auto order = Parse(R"({"type":"order","theater":"KOR","option":2})");
  ASSERT_TRUE(order);
  EXPECT_EQ(order->kind, K::kOrder);
  EXPECT_EQ(order->theater, "KOR");
  EXPECT_EQ(order->option, 2);
  auto ready = Parse(R"({"type":"ready","ready":true})");
  ASSERT_TRUE(ready);
  EXPECT_TRUE(ready->ready);
  auto inject = Parse(R"({"type":"inject","effect":"{open: SCS}","headline":""})");
  ASSERT_TRUE(inject);
  EXPECT_EQ(inject->effect, "{open: SCS}");
  auto over =
      Parse(R"({"type":"override","theater":"KOR","field":"control","value":"0.2","reason":"x"})");
  ASSERT_TRUE(over);
  EXPECT_EQ(over->kind, K::kOverride);
  EXPECT_EQ(over->reason, "x");
  for (const char* t : {"close_turn", "undo", "save"}) {
    EXPECT_TRUE(Parse(std::string(R"({"type":")") + t + "\"}")) << t;
  }
  auto message = Parse(R"({"type":"message","to":"ROK","text":"hello"})");
  ASSERT_TRUE(message);
  EXPECT_EQ(message->kind, K::kMessage);
  EXPECT_EQ(message->to, "ROK");
  EXPECT_EQ(message->text, "hello");
  auto propose = Parse(
      R"({"type":"propose","to":"ROK","tie":"access","direction":"give","value":0.5,"announce":false,"note":""})");
  ASSERT_TRUE(propose);
  EXPECT_EQ(propose->kind, K::kPropose);
  EXPECT_EQ(propose->tie, "access");
  EXPECT_EQ(propose->direction, "give");
  EXPECT_EQ(propose->tie_value, 0.5);
  EXPECT_FALSE(propose->announce);
  auto answer = Parse(R"({"type":"answer","proposal":3,"reply":"accept"})");
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->kind, K::kAnswer);
  EXPECT_EQ(answer->proposal, 3);
  EXPECT_EQ(answer->reply, "accept");
  auto veto = Parse(R"({"type":"veto","proposal":2,"reason":"not before the summit"})");
  ASSERT_TRUE(veto);
  EXPECT_EQ(veto->kind, K::kVeto);
  EXPECT_EQ(veto->proposal, 2);
  EXPECT_EQ(veto->reason, "not before the summit");
}

TEST(ServeProtocolTest, RefusesMalformedMessagesWithAReason) {
  const std::string bad[] = {
      "",
      "not json",
      "[1,2]",
      R"({"type":1})",
      R"({"type":"launch"})",
      R"({"type":"order","theater":"KOR"})",
      R"({"type":"order","theater":"KOR","option":"2"})",
      R"({"type":"order","theater":"KOR","option":1.5})",
      R"({"type":"order","theater":"","option":1})",
      R"({"type":"order","theater":"KOR","option":1,"extra":0})",
      R"({"type":"ready","ready":"yes"})",
      R"({"type":"undo","now":true})",
      R"({"type":"inject","effect":"{open: SCS}"})",
      std::string(R"({"type":"order","theater":")") + std::string(5000, 'K') + R"(","option":1})",
      std::string(100, '[') + std::string(100, ']'),
      std::string(kMaxMessageBytes + 1, ' '),
      "{\"type\":\"order\",\"theater\":\"\xff\xfe\",\"option\":1}",
      R"({"type":"message","to":"ROK"})",
      R"({"type":"message","to":"ROK","text":""})",
      R"({"type":"message","to":"ROK","text":7})",
      std::string(R"({"type":"message","to":"ROK","text":")") + std::string(5000, 'x') + "\"}",
      // A proposal never names its proposer: the sender is the proposer.
      R"({"type":"propose","from":"JPN","to":"ROK","tie":"access","direction":"give","value":1,"announce":true,"note":""})",
      R"({"type":"propose","to":"ROK","tie":"access","direction":"give","value":"1","announce":true,"note":""})",
      R"({"type":"propose","to":"ROK","tie":"access","direction":"give","value":1,"announce":1,"note":""})",
      R"({"type":"propose","to":"ROK","tie":"access","direction":"give","value":1,"announce":true})",
      R"({"type":"answer","proposal":"1","reply":"accept"})",
      R"({"type":"answer","proposal":1.5,"reply":"accept"})",
      R"({"type":"answer","proposal":1,"reply":"accept","by":"ROK"})",
      // A veto has its reason (the room refuses an empty one); it names the
      // proposal by number only.
      R"({"type":"veto","proposal":1})",
      R"({"type":"veto","proposal":"1","reason":"no"})",
      R"({"type":"veto","proposal":1,"reason":"no","by":"ROK"})",
  };
  for (const std::string& text : bad) {
    std::string error;
    EXPECT_FALSE(Parse(text, &error)) << text.substr(0, 80);
    EXPECT_FALSE(error.empty()) << text.substr(0, 80);
  }
}

TEST(ServeProtocolTest, TeamsOrderTheFacilitatorSteersTheProjectorWatches) {
  const Viewer team{Role::kTeam, ActorIndex(2)};
  const Viewer facilitator{Role::kFacilitator, {}};
  const Viewer projector{Role::kProjector, {}};
  for (K k : {K::kOrder, K::kReady}) {
    EXPECT_TRUE(MaySend(team, k));
    EXPECT_FALSE(MaySend(facilitator, k));
    EXPECT_FALSE(MaySend(projector, k));
  }
  for (K k : {K::kCloseTurn, K::kInject, K::kOverride, K::kUndo, K::kSave, K::kVeto}) {
    EXPECT_FALSE(MaySend(team, k));
    EXPECT_TRUE(MaySend(facilitator, k));
    EXPECT_FALSE(MaySend(projector, k));
  }
  // Teams propose and answer; both teams and the facilitator send messages.
  for (K k : {K::kPropose, K::kAnswer}) {
    EXPECT_TRUE(MaySend(team, k));
    EXPECT_FALSE(MaySend(facilitator, k));
    EXPECT_FALSE(MaySend(projector, k));
  }
  EXPECT_TRUE(MaySend(team, K::kMessage));
  EXPECT_TRUE(MaySend(facilitator, K::kMessage));
  EXPECT_FALSE(MaySend(projector, K::kMessage));
}

TEST(ServeAccessCodesTest, EachCodeAdmitsItsViewerAndNothingElseDoes) {
  const std::vector<ActorIndex> teams = {ActorIndex(3), ActorIndex(1)};
  const AccessCodes codes(teams);
  std::set<std::string> all = {codes.facilitator(), codes.projector(), codes.team(teams[0]),
                               codes.team(teams[1])};
  EXPECT_EQ(all.size(), 4u);  // all different
  for (const std::string& c : all) {
    EXPECT_EQ(c.size(), 32u);
    EXPECT_EQ(c.find_first_not_of("0123456789abcdef"), std::string::npos);
  }
  EXPECT_EQ(codes.Admit(codes.facilitator())->role, Role::kFacilitator);
  EXPECT_EQ(codes.Admit(codes.projector())->role, Role::kProjector);
  const auto t = codes.Admit(codes.team(teams[1]));
  ASSERT_TRUE(t);
  EXPECT_EQ(t->role, Role::kTeam);
  EXPECT_EQ(t->team, teams[1]);
  EXPECT_FALSE(codes.Admit(""));
  EXPECT_FALSE(codes.Admit(codes.facilitator().substr(0, 31)));
  EXPECT_FALSE(codes.Admit(codes.facilitator() + "0"));
  std::string flipped = codes.team(teams[0]);
  flipped[31] = flipped[31] == '0' ? '1' : '0';
  EXPECT_FALSE(codes.Admit(flipped));
  // Two sets of codes never share one (128 random bits each).
  const AccessCodes other(teams);
  EXPECT_NE(other.facilitator(), codes.facilitator());
}

}  // namespace
}  // namespace overstretch::serve
