#include "tools/classroom/serve/access_codes.h"

#include <random>
#include <stdexcept>

namespace overstretch::serve {
namespace {

// Equal strings, in a time that does not depend on where they differ (a
// timing side channel would let a guesser find a code digit by digit).
bool SameCode(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return diff == 0;
}

}  // namespace

std::string RandomCode() {
  std::random_device device;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string code;
  for (int word = 0; word < 4; ++word) {
    std::uint32_t bits = device();
    for (int i = 0; i < 8; ++i, bits >>= 4) code.push_back(kHex[bits & 0xf]);
  }
  return code;
}

AccessCodes::AccessCodes(const std::vector<ActorIndex>& teams)
    : facilitator_(RandomCode()), projector_(RandomCode()) {
  for (ActorIndex t : teams) teams_.emplace_back(t, RandomCode());
}

std::optional<Viewer> AccessCodes::Admit(std::string_view code) const {
  std::optional<Viewer> found;
  // Compare with every code (no early exit), so timing says nothing either.
  if (SameCode(code, facilitator_)) found = Viewer{Role::kFacilitator, {}};
  if (SameCode(code, projector_)) found = Viewer{Role::kProjector, {}};
  for (const auto& [team, c] : teams_) {
    if (SameCode(code, c)) found = Viewer{Role::kTeam, team};
  }
  return found;
}

const std::string& AccessCodes::team(ActorIndex team) const {
  for (const auto& [t, c] : teams_) {
    if (t == team) return c;
  }
  throw std::out_of_range("AccessCodes::team: not a team");
}

}  // namespace overstretch::serve
