// The network side of `overstretch serve`: HTTP and WebSocket on Boost.Beast,
// one thread, one io_context, so the GameRoom needs no locks. Routes:
//
//   GET /                 a page asking for a join code (no game data)
//   GET /play?code=CODE   the game page (assets compiled in: page_assets.h)
//   GET /ws?code=CODE     WebSocket upgrade; then JSON messages both ways
//                         (tools/classroom/serve/protocol.h)
//
// A missing or wrong code gets 403 on both. Requests are bounded (8 KiB of
// headers, kMaxMessageBytes of body); a WebSocket message longer than
// kMaxMessageBytes closes that socket with status 1009 ("message too big"),
// and the page reconnects. After every change every socket gets its own
// viewer's view of the room (GameRoom::ViewFor), so a reloaded or reconnected
// page gets everything back.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "tools/classroom/serve/access_codes.h"
#include "tools/classroom/serve/game_room.h"

namespace overstretch::serve {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;          // 0: any free port (tests)
  std::optional<double> turn_minutes;  // a turn closes by itself after this long
  // Called after every played turn and on the facilitator's "save": saves the
  // game; returns what to tell the facilitator ("saved to ..." or an error).
  std::function<std::string(GameRoom&)> save;
};

class ClassroomServer {
 public:
  ClassroomServer(GameRoom& room, const AccessCodes& codes, ServerOptions options);
  ~ClassroomServer();
  ClassroomServer(const ClassroomServer&) = delete;
  ClassroomServer& operator=(const ClassroomServer&) = delete;

  // Binds and listens; false with *error (e.g. the port is taken).
  bool Listen(std::string* error);
  // The port listened on (after Listen).
  unsigned short port() const;
  // Serves until Stop() is called.
  void Run();
  // Thread-safe: makes Run() return.
  void Stop();

  class Impl;  // the sessions (classroom_server.cc) use it

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace overstretch::serve
