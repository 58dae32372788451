// Message dispatch (message_dispatch.h).
#include "tools/classroom/serve/message_dispatch.h"

#include <optional>
#include <utility>

namespace overstretch::serve {

Applied ApplyMessage(GameRoom& room, const Viewer& viewer, const ClientMessage& m) {
  using K = ClientMessage::Kind;
  switch (m.kind) {
    case K::kOrder:
      return {room.SetOrder(viewer.team, m.theater, m.option)};
    case K::kReady:
      return {room.SetReady(viewer.team, m.ready)};
    case K::kCloseTurn: {
      std::string error = room.CloseTurn(false);
      const SaveRequest save = error.empty() ? SaveRequest::kAfterTurn : SaveRequest::kNone;
      return {std::move(error), save};
    }
    case K::kInject:
      return {room.Inject(m.effect, m.headline)};
    case K::kOverride:
      return {room.Override(m.theater, m.field, m.value, m.reason)};
    case K::kUndo:
      return {room.Undo()};
    case K::kSave:
      return {"", SaveRequest::kAsked};
    case K::kMessage:
      return {room.SendMessage(
          viewer.role == Role::kTeam ? std::optional<ActorIndex>(viewer.team) : std::nullopt, m.to,
          m.text)};
    case K::kPropose:
      return {room.Propose(viewer.team, m.to, m.tie, m.direction, m.tie_value, m.announce, m.text)};
    case K::kAnswer:
      return {room.Answer(viewer.team, m.proposal, m.reply)};
    case K::kVeto:
      return {room.Veto(m.proposal, m.reason)};
  }
  return {"unknown message"};
}

}  // namespace overstretch::serve
