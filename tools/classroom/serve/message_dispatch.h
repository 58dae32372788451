// Applying a browser's message (protocol.h) to the game room (game_room.h):
// the one place that maps each message to the room's action, used by the
// server and by the fuzz target of the server's messages
// (tests/fuzz/fuzz_room.cc). Saving is the caller's (it owns the files).
#pragma once

#include <string>

#include "tools/classroom/serve/access_codes.h"
#include "tools/classroom/serve/game_room.h"
#include "tools/classroom/serve/protocol.h"

namespace overstretch::serve {

// What the caller should save after a message that was applied.
enum class SaveRequest {
  kNone,
  kAfterTurn,  // a turn closed: save if the game is saved
  kAsked,      // the facilitator asked: save, or say the game is not saved
};

struct Applied {
  std::string error;  // why the room refused it; empty when applied
  SaveRequest save = SaveRequest::kNone;
};

// Applies `m` from `viewer`, who must be allowed to send it (MaySend).
Applied ApplyMessage(GameRoom& room, const Viewer& viewer, const ClientMessage& m);

}  // namespace overstretch::serve
