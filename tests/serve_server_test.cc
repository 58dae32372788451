// `overstretch serve` over the network: the server runs in-process on a free
// port and Beast clients play the parts of teams, facilitator and intruders.
// Checked: 403 without a valid code, each socket gets only its own view, bad
// and oversized messages get an error (or a closed socket), never a crash,
// and a stopped game resumes from its save.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <filesystem>
#include <future>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "tests/test_support.h"
#include "tools/classroom/serve/serve_game.h"

namespace overstretch::serve {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using overstretch::testing::BuiltinRegistry;
using overstretch::testing::RepoPath;
using Json = nlohmann::json;

// The server in a thread: port and codes (JPN, ROK, facilitator, projector).
class RunningServer {
 public:
  explicit RunningServer(ServeOptions options) {
    std::promise<void> listening;
    auto ready = listening.get_future();
    options.on_listening = [&](unsigned short port, std::vector<std::string> codes,
                               std::function<void()> stop) {
      port_ = port;
      codes_ = std::move(codes);
      stop_ = std::move(stop);
      listening.set_value();
    };
    thread_ = std::thread(
        [this, options] { status_ = RunServe(options, BuiltinRegistry(), out_, err_); });
    if (ready.wait_for(std::chrono::seconds(60)) != std::future_status::ready) {
      ADD_FAILURE() << "the server did not start";
    }
  }
  ~RunningServer() { Stop(); }
  int Stop() {
    if (thread_.joinable()) {
      stop_();
      thread_.join();
    }
    return status_;
  }
  unsigned short port() const { return port_; }
  const std::string& code(std::size_t i) const { return codes_.at(i); }
  std::string out() const { return out_.str(); }
  std::string err() const { return err_.str(); }

 private:
  std::thread thread_;
  unsigned short port_ = 0;
  std::vector<std::string> codes_;
  std::function<void()> stop_;
  std::ostringstream out_, err_;
  int status_ = -1;
};

void SetTimeout(tcp::socket& s) {
  timeval tv{10, 0};
  setsockopt(s.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

http::response<http::string_body> Get(unsigned short port, const std::string& target) {
  net::io_context io;
  tcp::socket socket(io);
  socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  SetTimeout(socket);
  http::request<http::empty_body> request(http::verb::get, target, 11);
  request.set(http::field::host, "localhost");
  http::write(socket, request);
  beast::flat_buffer buffer;
  http::response<http::string_body> response;
  http::read(socket, buffer, response);
  return response;
}

// One page's socket; keeps every message it was sent.
class Client {
 public:
  Client(unsigned short port, const std::string& code) : ws_(io_) {
    ws_.next_layer().connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    SetTimeout(ws_.next_layer());
    ws_.handshake("localhost", "/ws?code=" + code);
  }
  void Send(const std::string& text) { ws_.write(net::buffer(text)); }
  // Reads until a message satisfies `want`; fails the test on a timeout.
  Json Until(const std::function<bool(const Json&)>& want) {
    for (int i = 0; i < 50; ++i) {
      beast::flat_buffer buffer;
      beast::error_code ec;
      ws_.read(buffer, ec);
      if (ec) {
        ADD_FAILURE() << "read: " << ec.message();
        return Json();
      }
      all_.push_back(beast::buffers_to_string(buffer.data()));
      Json j = Json::parse(all_.back());
      if (want(j)) return j;
    }
    ADD_FAILURE() << "no such message";
    return Json();
  }
  Json State() {
    return Until([](const Json& j) { return j["type"] == "state"; });
  }
  Json Error() {
    return Until([](const Json& j) { return j["type"] == "error"; });
  }
  const std::vector<std::string>& all() const { return all_; }
  websocket::stream<tcp::socket>& ws() { return ws_; }

 private:
  net::io_context io_;
  websocket::stream<tcp::socket> ws_;
  std::vector<std::string> all_;
};

class ServeServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("serve_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  ServeOptions Options() const {
    ServeOptions o;
    o.scenario = RepoPath("scenarios/classroom/korea_japan.yaml");
    o.humans = "JPN,ROK";
    o.port = 0;
    o.out = (dir_ / "run").string();
    o.save = (dir_ / "game.json").string();
    return o;
  }
  std::filesystem::path dir_;
};

TEST_F(ServeServerTest, PagesAndSocketsNeedAValidCode) {
  RunningServer server(Options());
  const unsigned short port = server.port();
  EXPECT_EQ(Get(port, "/play").result(), http::status::forbidden);
  EXPECT_EQ(Get(port, "/play?code=").result(), http::status::forbidden);
  EXPECT_EQ(Get(port, "/play?code=0123456789abcdef0123456789abcdef").result(),
            http::status::forbidden);
  EXPECT_EQ(Get(port, "/ws?code=nope").result(), http::status::forbidden);
  const auto page = Get(port, "/play?code=" + server.code(0));
  EXPECT_EQ(page.result(), http::status::ok);
  EXPECT_NE(page.body().find("<html"), std::string::npos);
  EXPECT_EQ(page.body().find("http://"), std::string::npos);  // no network resources
  EXPECT_EQ(page.body().find("https://"), std::string::npos);
  EXPECT_EQ(Get(port, "/").result(), http::status::ok);
  EXPECT_EQ(Get(port, "/elsewhere").result(), http::status::not_found);
  // A WebSocket handshake with a wrong code is refused.
  EXPECT_THROW(Client(port, "0123456789abcdef0123456789abcdef"), beast::system_error);
  EXPECT_THROW(Client(port, ""), beast::system_error);
  // The printed links carry the codes.
  EXPECT_NE(server.out().find("play?code=" + server.code(2)), std::string::npos);
  EXPECT_EQ(server.Stop(), 0);
}

TEST_F(ServeServerTest, EachSocketGetsOnlyItsOwnViewAndTheGameResumes) {
  std::string truth_text;
  {
    RunningServer server(Options());
    Client jpn(server.port(), server.code(0));
    Client rok(server.port(), server.code(1));
    Client facilitator(server.port(), server.code(2));
    Client projector(server.port(), server.code(3));
    Json j = jpn.State();
    EXPECT_EQ(j["role"], "team");
    EXPECT_EQ(j["team"]["id"], "JPN");
    EXPECT_EQ(rok.State()["team"]["id"], "ROK");
    EXPECT_EQ(facilitator.State()["role"], "facilitator");
    EXPECT_EQ(projector.State()["role"], "projector");
    // ROK orders the last option in every theater; Japan must never hear of it.
    const Json rok_view = rok.all().empty() ? Json() : Json::parse(rok.all().back());
    std::string last_label;
    for (const auto& t : rok_view["briefing"]["theaters"]) {
      if (t["options"].empty()) continue;
      rok.Send(Json{{"type", "order"}, {"theater", t["id"]}, {"option", t["options"].size() - 1}}
                   .dump());
      Json after = rok.State();
      EXPECT_EQ(after["orders"][t["id"].get<std::string>()]["option"], t["options"].size() - 1);
    }
    rok.Send(R"({"type":"ready","ready":true})");
    EXPECT_TRUE(rok.State()["ready"].get<bool>());
    // Teams may not steer; the projector may not send at all.
    jpn.Send(R"({"type":"close_turn"})");
    EXPECT_NE(jpn.Error()["message"].get<std::string>().find("role"), std::string::npos);
    projector.Send(R"({"type":"undo"})");
    projector.Error();
    jpn.Send("{not json");
    jpn.Error();
    jpn.Send(R"({"type":"order","theater":"KOR","option":99})");
    jpn.Error();
    // The facilitator closes two turns (with an inject between).
    facilitator.Send(R"({"type":"close_turn"})");
    facilitator.Until(
        [](const Json& m) { return m["type"] == "state" && m["public"]["turn_played"] == 1; });
    facilitator.Send(
        R"({"type":"inject","effect":"{tie: {between: [JPN, ROK], intel: 0.6}}","headline":"GSOMIA restored"})");
    facilitator.Until(
        [](const Json& m) { return m["type"] == "state" && !m["public"]["headlines"].empty(); });
    facilitator.Send(R"({"type":"close_turn"})");
    const Json f = facilitator.Until(
        [](const Json& m) { return m["type"] == "state" && m["public"]["turn_played"] == 2; });
    truth_text = f["truth"].dump();
    const Json jpn_last = jpn.Until(
        [](const Json& m) { return m["type"] == "state" && m["public"]["turn_played"] == 2; });
    EXPECT_EQ(jpn_last["history"].size(), 2u);
    projector.Until(
        [](const Json& m) { return m["type"] == "state" && m["public"]["turn_played"] == 2; });
    // Nothing Japan was sent names ROK's orders or a true figure.
    std::vector<std::string> secrets;
    for (const auto& r : f["history"]) {
      for (const auto& t : r["theaters"]) {
        for (const char* k : {"phi_challengers", "phi_defenders", "p_challengers"}) {
          if (t[k].get<double>() != 0.0) secrets.push_back(t[k].dump());
        }
      }
    }
    for (const auto& a : f["truth"]["actors"]) {
      if (a["id"] != "JPN") secrets.push_back(a["forces"].dump());
    }
    ASSERT_GT(secrets.size(), 5u);
    for (const std::string& message : jpn.all()) {
      EXPECT_EQ(message.find("\"truth\""), std::string::npos);
      EXPECT_EQ(message.find("\"who\""), std::string::npos);
      for (const std::string& s : secrets) {
        EXPECT_EQ(message.find(s), std::string::npos) << "true figure " << s;
      }
      const Json m = Json::parse(message);
      if (m["type"] == "state") {
        for (const auto& [theater, order] : m["orders"].items()) {
          (void)theater;
          EXPECT_TRUE(order.is_object());
        }
      }
    }
    // The projector gets public information only.
    for (const std::string& message : projector.all()) {
      EXPECT_EQ(message.find("\"briefing\""), std::string::npos);
      EXPECT_EQ(message.find("\"truth\""), std::string::npos);
      EXPECT_EQ(message.find("\"orders\""), std::string::npos);
    }
    // An oversized message closes that socket; the server carries on.
    // The server may close mid-write, so the send reports rather than throws.
    beast::error_code ec;
    jpn.ws().write(net::buffer(std::string(64 * 1024, ' ')), ec);
    beast::flat_buffer buffer;
    while (!ec) jpn.ws().read(buffer, ec);
    Client again(server.port(), server.code(0));
    EXPECT_EQ(again.State()["public"]["turn_played"], 2);
    EXPECT_EQ(server.Stop(), 0) << server.err();
  }
  // Saved after every turn, with the run directory beside it; resumed.
  ASSERT_TRUE(std::filesystem::exists(dir_ / "game.json"));
  ASSERT_TRUE(std::filesystem::exists(dir_ / "run" / "events.jsonl"));
  ServeOptions resume = Options();
  resume.scenario.clear();
  resume.humans.clear();
  resume.out.clear();
  resume.save.clear();
  resume.resume = (dir_ / "game.json").string();
  RunningServer server(resume);
  Client facilitator(server.port(), server.code(2));
  const Json f = facilitator.State();
  EXPECT_EQ(f["public"]["turn_played"], 2);
  EXPECT_EQ(f["truth"].dump(), truth_text);
  EXPECT_EQ(server.Stop(), 0) << server.err();
}

TEST_F(ServeServerTest, TalksReachOnlyTheirPartiesOverTheSockets) {
  ServeOptions options = Options();
  options.humans = "JPN,ROK,US";  // codes: JPN, ROK, US, facilitator, projector
  RunningServer server(options);
  Client jpn(server.port(), server.code(0));
  Client rok(server.port(), server.code(1));
  Client us(server.port(), server.code(2));
  Client facilitator(server.port(), server.code(3));
  Client projector(server.port(), server.code(4));
  for (Client* c : {&jpn, &rok, &us, &facilitator, &projector}) c->State();
  jpn.Send(R"({"type":"message","to":"ROK","text":"quince-secret"})");
  rok.Until([](const Json& m) { return m["type"] == "state" && !m["talks"]["messages"].empty(); });
  jpn.Send(R"({"type":"propose","to":"ROK","tie":"intel","direction":"mutual","value":0.6,)"
           R"("announce":false,"note":"quince-note"})");
  rok.Until([](const Json& m) { return m["type"] == "state" && !m["talks"]["proposals"].empty(); });
  // The third team cannot answer; the projector cannot talk at all.
  us.Send(R"({"type":"answer","proposal":1,"reply":"accept"})");
  us.Error();
  projector.Send(R"({"type":"message","to":"JPN","text":"hello"})");
  projector.Error();
  rok.Send(R"({"type":"answer","proposal":1,"reply":"accept"})");
  facilitator.Until([](const Json& m) {
    return m["type"] == "state" && !m["talks"]["proposals"].empty() &&
           m["talks"]["proposals"][0]["status"] == "accepted";
  });
  // A second proposal: a team cannot veto it, the facilitator can.
  jpn.Send(R"({"type":"propose","to":"ROK","tie":"access","direction":"give","value":1,)"
           R"("announce":true,"note":"quince-bases"})");
  rok.Until(
      [](const Json& m) { return m["type"] == "state" && m["talks"]["proposals"].size() == 2; });
  rok.Send(R"({"type":"veto","proposal":2,"reason":"we veto ourselves"})");
  EXPECT_EQ(rok.Error()["message"], "that message is not for your role");
  facilitator.Send(R"({"type":"veto","proposal":2,"reason":"quince-veto: not this turn"})");
  for (Client* party : {&jpn, &rok}) {
    const Json seen = party->Until([](const Json& m) {
      return m["type"] == "state" && m["talks"]["proposals"].size() == 2 &&
             m["talks"]["proposals"][1]["status"] == "vetoed";
    });
    EXPECT_EQ(seen["talks"]["proposals"][1]["veto_reason"], "quince-veto: not this turn");
  }
  // The accepted proposal takes effect when the facilitator closes the turn.
  facilitator.Send(R"({"type":"close_turn"})");
  const Json f = facilitator.Until(
      [](const Json& m) { return m["type"] == "state" && m["public"]["turn_played"] == 1; });
  bool shared = false, access = false;
  for (const auto& t : f["truth"]["ties"]) {
    shared |= t["from"] == "JPN" && t["to"] == "ROK" && t["intel"].get<double>() == 0.6;
    access |= t["from"] == "JPN" && t["to"] == "ROK" && t["access"].get<double>() == 1.0;
  }
  EXPECT_TRUE(shared);
  EXPECT_FALSE(access);  // vetoed
  // Each read its error after the talks' states (one socket's messages come
  // in order), then every state up to the turn's adjudication.
  for (Client* c : {&us, &projector}) {
    c->Until([](const Json& m) { return m["type"] == "state" && m["public"]["turn_played"] == 1; });
  }
  for (const Client* c : {&us, &projector}) {
    for (const std::string& message : c->all()) {
      EXPECT_EQ(message.find("quince"), std::string::npos) << message.substr(0, 200);
      EXPECT_EQ(message.find("veto"), std::string::npos) << message.substr(0, 200);
      EXPECT_EQ(message.find("shares intelligence"), std::string::npos);
      EXPECT_EQ(message.find("share intelligence"), std::string::npos);
    }
  }
  EXPECT_EQ(server.Stop(), 0) << server.err();
  // The run directory logs the talks for the debrief.
  const std::string events = overstretch::testing::ReadFile(dir_ / "run" / "events.jsonl");
  EXPECT_NE(events.find("quince-secret"), std::string::npos);
  EXPECT_NE(events.find("\"action\":\"agreement\""), std::string::npos);
}

TEST_F(ServeServerTest, TheTurnClockClosesTheTurnAndTheModelDecidesForSilentTeams) {
  ServeOptions options = Options();
  options.turn_minutes = 0.01;  // 0.6 s
  RunningServer server(options);
  Client jpn(server.port(), server.code(0));
  const Json first = jpn.State();
  ASSERT_FALSE(first["public"]["seconds_left"].is_null());
  EXPECT_LE(first["public"]["seconds_left"].get<double>(), 1.0);
  const Json after = jpn.Until(
      [](const Json& m) { return m["type"] == "state" && m["public"]["turn_played"] == 1; });
  ASSERT_EQ(after["history"].size(), 1u);
  EXPECT_TRUE(after["history"][0]["model_decided_for_you"].get<bool>());
  Client facilitator(server.port(), server.code(2));
  const Json f = facilitator.State();
  EXPECT_TRUE(f["history"][0]["closed_by_timer"].get<bool>());
  EXPECT_EQ(server.Stop(), 0) << server.err();
}

}  // namespace
}  // namespace overstretch::serve
