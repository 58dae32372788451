#include "tools/classroom/serve/protocol.h"

#include <fmt/format.h>

#include <initializer_list>
#include <nlohmann/json.hpp>

#include "tools/classroom/report.h"

namespace overstretch::serve {
namespace {

using Json = nlohmann::json;

// Exactly these keys besides "type".
bool HasExactly(const Json& j, std::initializer_list<const char*> keys, std::string* error) {
  for (const char* k : keys) {
    if (!j.contains(k)) {
      *error = fmt::format("'{}' is missing", k);
      return false;
    }
  }
  if (j.size() != keys.size() + 1) {
    *error = "unexpected fields in the message";
    return false;
  }
  return true;
}

bool GetString(const Json& j, const char* key, std::string* out, std::string* error,
               bool may_be_empty = false) {
  const Json& v = j.at(key);
  if (!v.is_string()) {
    *error = fmt::format("'{}' must be a string", key);
    return false;
  }
  *out = v.get<std::string>();
  if (out->size() > kMaxFieldChars) {
    *error = fmt::format("'{}' is longer than {} characters", key, kMaxFieldChars);
    return false;
  }
  if (out->empty() && !may_be_empty) {
    *error = fmt::format("'{}' is empty", key);
    return false;
  }
  return true;
}

}  // namespace

std::optional<ClientMessage> ParseClientMessage(std::string_view text, std::string* error) {
  if (text.size() > kMaxMessageBytes) {
    *error = fmt::format("message longer than {} bytes", kMaxMessageBytes);
    return std::nullopt;
  }
  if (!cli::JsonDepthWithin(text, kMaxDepth)) {
    *error = "message nested too deeply";
    return std::nullopt;
  }
  const Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    *error = "not JSON";
    return std::nullopt;
  }
  if (!j.is_object() || !j.contains("type") || !j.at("type").is_string()) {
    *error = "a message is an object with a \"type\"";
    return std::nullopt;
  }
  const std::string type = j.at("type").get<std::string>();
  ClientMessage m;
  using K = ClientMessage::Kind;
  if (type == "order") {
    m.kind = K::kOrder;
    if (!HasExactly(j, {"theater", "option"}, error) ||
        !GetString(j, "theater", &m.theater, error)) {
      return std::nullopt;
    }
    if (!j.at("option").is_number_integer()) {
      *error = "'option' must be a whole number";
      return std::nullopt;
    }
    m.option = j.at("option").get<long long>();
  } else if (type == "ready") {
    m.kind = K::kReady;
    if (!HasExactly(j, {"ready"}, error)) return std::nullopt;
    if (!j.at("ready").is_boolean()) {
      *error = "'ready' must be true or false";
      return std::nullopt;
    }
    m.ready = j.at("ready").get<bool>();
  } else if (type == "inject") {
    m.kind = K::kInject;
    if (!HasExactly(j, {"effect", "headline"}, error) ||
        !GetString(j, "effect", &m.effect, error) ||
        !GetString(j, "headline", &m.headline, error, true)) {
      return std::nullopt;
    }
  } else if (type == "override") {
    m.kind = K::kOverride;
    if (!HasExactly(j, {"theater", "field", "value", "reason"}, error) ||
        !GetString(j, "theater", &m.theater, error) || !GetString(j, "field", &m.field, error) ||
        !GetString(j, "value", &m.value, error) ||
        !GetString(j, "reason", &m.reason, error, true)) {
      return std::nullopt;
    }
  } else if (type == "message") {
    m.kind = K::kMessage;
    if (!HasExactly(j, {"to", "text"}, error) || !GetString(j, "to", &m.to, error) ||
        !GetString(j, "text", &m.text, error)) {
      return std::nullopt;
    }
  } else if (type == "propose") {
    m.kind = K::kPropose;
    if (!HasExactly(j, {"to", "tie", "direction", "value", "announce", "note"}, error) ||
        !GetString(j, "to", &m.to, error) || !GetString(j, "tie", &m.tie, error) ||
        !GetString(j, "direction", &m.direction, error) ||
        !GetString(j, "note", &m.text, error, true)) {
      return std::nullopt;
    }
    if (!j.at("value").is_number()) {
      *error = "'value' must be a number";
      return std::nullopt;
    }
    if (!j.at("announce").is_boolean()) {
      *error = "'announce' must be true or false";
      return std::nullopt;
    }
    m.tie_value = j.at("value").get<double>();
    m.announce = j.at("announce").get<bool>();
  } else if (type == "answer") {
    m.kind = K::kAnswer;
    if (!HasExactly(j, {"proposal", "reply"}, error) || !GetString(j, "reply", &m.reply, error)) {
      return std::nullopt;
    }
    if (!j.at("proposal").is_number_integer()) {
      *error = "'proposal' must be a whole number";
      return std::nullopt;
    }
    m.proposal = j.at("proposal").get<long long>();
  } else if (type == "veto") {
    m.kind = K::kVeto;
    // An empty reason is the room's to refuse, in words for the facilitator.
    if (!HasExactly(j, {"proposal", "reason"}, error) ||
        !GetString(j, "reason", &m.reason, error, true)) {
      return std::nullopt;
    }
    if (!j.at("proposal").is_number_integer()) {
      *error = "'proposal' must be a whole number";
      return std::nullopt;
    }
    m.proposal = j.at("proposal").get<long long>();
  } else if (type == "close_turn" || type == "undo" || type == "save") {
    m.kind = type == "close_turn" ? K::kCloseTurn : type == "undo" ? K::kUndo : K::kSave;
    if (!HasExactly(j, {}, error)) return std::nullopt;
  } else {
    *error = "unknown message type";
    return std::nullopt;
  }
  return m;
}

bool MaySend(const Viewer& viewer, ClientMessage::Kind kind) {
  using K = ClientMessage::Kind;
  const bool team_message =
      kind == K::kOrder || kind == K::kReady || kind == K::kPropose || kind == K::kAnswer;
  if (kind == K::kMessage) return viewer.role != Role::kProjector;
  switch (viewer.role) {
    case Role::kTeam:
      return team_message;
    case Role::kFacilitator:
      return !team_message;
    case Role::kProjector:
      return false;
  }
  return false;
}

}  // namespace overstretch::serve
