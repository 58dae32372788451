// Load on the classroom server (issue 11, docs/performance.md): a class of 9
// teams with 3 screens each, 2 facilitator screens and a projector (30
// WebSocket clients on loopback) play `three_fronts`. One iteration is one
// turn: from the facilitator's close_turn until every one of the 30 screens
// has received the state of the adjudicated turn (adjudication, save, run
// directory and the fan-out of a private view to each screen).
//
//   ./build/bench/overstretch_bench --benchmark_filter=ServeTurn
#include <benchmark/benchmark.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <filesystem>
#include <future>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "actors/builtin_models.h"
#include "tools/classroom/serve/serve_game.h"

namespace overstretch {
namespace {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

// One screen's socket: reads until the state of turn `turn` arrives.
class Screen {
 public:
  Screen(unsigned short port, const std::string& code) : ws_(io_) {
    ws_.next_layer().connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    timeval tv{10, 0};  // a lost message fails the benchmark instead of hanging it
    setsockopt(ws_.next_layer().native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ws_.handshake("localhost", "/ws?code=" + code);
  }
  void Send(const std::string& text) { ws_.write(net::buffer(text)); }
  bool AwaitTurn(int turn) {
    for (;;) {
      beast::flat_buffer buffer;
      beast::error_code ec;
      ws_.read(buffer, ec);
      if (ec) return false;
      const auto j = nlohmann::json::parse(beast::buffers_to_string(buffer.data()));
      if (j["type"] == "state" && j["public"]["turn_played"] == turn) return true;
    }
  }

 private:
  net::io_context io_;
  beast::websocket::stream<tcp::socket> ws_;
};

void BM_ServeTurn30Screens(benchmark::State& state) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("overstretch_serve_bench_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  serve::ServeOptions options;
  options.scenario = std::string(OVERSTRETCH_SOURCE_DIR) + "/scenarios/three_fronts.yaml";
  options.humans = "US,PRC,JPN,ROK,AUS,NZL,DPRK,TWN,PHL";
  options.sets = {"run.turns=200", "run.end.at_zero=false"};
  options.port = 0;
  options.out = (dir / "run").string();
  options.save = (dir / "game.json").string();
  std::promise<void> listening;
  unsigned short port = 0;
  std::vector<std::string> codes;
  std::function<void()> stop;
  options.on_listening = [&](unsigned short p, std::vector<std::string> c,
                             std::function<void()> s) {
    port = p;
    codes = std::move(c);
    stop = std::move(s);
    listening.set_value();
  };
  std::ostringstream out, err;
  std::thread server([&] { serve::RunServe(options, BuiltinModels(), out, err); });
  if (listening.get_future().wait_for(std::chrono::seconds(60)) != std::future_status::ready) {
    state.SkipWithError("the server did not start");
    server.detach();
    return;
  }
  const std::size_t teams = 9, facilitator = teams, projector = teams + 1;
  std::vector<std::unique_ptr<Screen>> screens;
  for (std::size_t t = 0; t < teams; ++t) {
    for (int k = 0; k < 3; ++k) screens.push_back(std::make_unique<Screen>(port, codes[t]));
  }
  screens.push_back(std::make_unique<Screen>(port, codes[facilitator]));
  screens.push_back(std::make_unique<Screen>(port, codes[facilitator]));
  screens.push_back(std::make_unique<Screen>(port, codes[projector]));
  Screen& console = *screens[screens.size() - 3];
  int turn = 0;
  for (auto _ : state) {
    ++turn;
    console.Send(R"({"type":"close_turn"})");
    for (auto& screen : screens) {
      if (!screen->AwaitTurn(turn)) {
        state.SkipWithError("a screen missed a turn");
        break;
      }
    }
  }
  state.counters["screens"] = static_cast<double>(screens.size());
  screens.clear();
  stop();
  server.join();
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_ServeTurn30Screens)->Iterations(20)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace overstretch
