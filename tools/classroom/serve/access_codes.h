// Who may see what in a served classroom game (`overstretch serve`): one
// secret join code per team, one for the facilitator, one for the projector.
// A code is 128 random bits from std::random_device, written as 32 hex
// digits: unguessable on a room's network, short enough to paste. Every page
// and socket is opened with a code; anything else gets 403.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/ids.h"

namespace overstretch::serve {

enum class Role { kTeam, kFacilitator, kProjector };

struct Viewer {
  Role role = Role::kProjector;
  ActorIndex team;  // kTeam only
  friend bool operator==(const Viewer&, const Viewer&) = default;
};

class AccessCodes {
 public:
  // Fresh random codes for `teams`, the facilitator and the projector.
  explicit AccessCodes(const std::vector<ActorIndex>& teams);

  // The viewer a code admits, or nullopt (compared in constant time).
  std::optional<Viewer> Admit(std::string_view code) const;

  const std::string& facilitator() const { return facilitator_; }
  const std::string& projector() const { return projector_; }
  // The code of `team` (which must be one of the teams).
  const std::string& team(ActorIndex team) const;

 private:
  std::string facilitator_;
  std::string projector_;
  std::vector<std::pair<ActorIndex, std::string>> teams_;
};

// A fresh code: 32 lowercase hex digits from std::random_device.
std::string RandomCode();

}  // namespace overstretch::serve
