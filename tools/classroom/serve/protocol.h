// The messages a served game's pages send over their WebSocket, and who may
// send which. Every message is untrusted: at most kMaxMessageBytes of JSON,
// nested at most kMaxDepth deep, an object with a known "type" and exactly
// the fields that type needs, each of the right JSON type and length. A
// message that breaks a rule is refused with a reason; nothing here throws.
//
//   team:        {"type": "order", "theater": "KOR", "option": 2}   (0-based
//                                    index into that theater's menu; -1 clears)
//                {"type": "ready", "ready": true}
//                {"type": "propose", "to": "ROK", "tie": "access", "direction":
//                 "give", "value": 1, "announce": true, "note": "..."}
//                                   (tie: access|intel|commitment; direction:
//                                    give|ask|mutual; no "from": the sender
//                                    always proposes for itself)
//                {"type": "answer", "proposal": 3, "reply": "accept"}
//                                   (accept|decline|withdraw)
//   team or facilitator:
//                {"type": "message", "to": "ROK", "text": "..."}  (to a team
//                                    or "facilitator"; at most kMaxTalkChars)
//   facilitator: {"type": "close_turn"}
//                {"type": "inject", "effect": "{set: ...}", "headline": "..."}
//                {"type": "override", "theater": "KOR", "field": "control",
//                 "value": "0.2", "reason": "ceasefire line"}
//                {"type": "undo"}   {"type": "save"}
//                {"type": "veto", "proposal": 3, "reason": "..."}  (a pending
//                                    or accepted proposal not yet in effect;
//                                    the room refuses an empty reason)
//   projector:   nothing (it only watches)
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "tools/classroom/serve/access_codes.h"

namespace overstretch::serve {

inline constexpr std::size_t kMaxMessageBytes = 16 * 1024;
inline constexpr int kMaxDepth = 8;
inline constexpr std::size_t kMaxFieldChars = 4096;

struct ClientMessage {
  enum class Kind {
    kOrder,
    kReady,
    kCloseTurn,
    kInject,
    kOverride,
    kUndo,
    kSave,
    kMessage,
    kPropose,
    kAnswer,
    kVeto
  };
  Kind kind = Kind::kSave;
  std::string theater;     // kOrder, kOverride
  long long option = -1;   // kOrder
  bool ready = false;      // kReady
  std::string effect;      // kInject
  std::string headline;    // kInject (may be empty)
  std::string field;       // kOverride
  std::string value;       // kOverride (text, checked by the game)
  std::string reason;      // kOverride, kVeto
  std::string to;          // kMessage, kPropose: a team's actor id (or "facilitator")
  std::string text;        // kMessage; kPropose: the note (may be empty)
  std::string tie;         // kPropose
  std::string direction;   // kPropose
  double tie_value = 0.0;  // kPropose
  bool announce = true;    // kPropose
  long long proposal = 0;  // kAnswer, kVeto
  std::string reply;       // kAnswer
};

// Parses one message; nullopt with *error when it breaks a rule above.
std::optional<ClientMessage> ParseClientMessage(std::string_view text, std::string* error);

// Whether `viewer` may send `kind`: orders, readiness, proposals and answers
// from teams only, messages from teams and the facilitator, everything else
// from the facilitator only; the projector sends nothing.
bool MaySend(const Viewer& viewer, ClientMessage::Kind kind);

}  // namespace overstretch::serve
