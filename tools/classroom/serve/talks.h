// Messages and proposals between the teams of a served game (and the
// facilitator). A message is private: only its sender, its recipient and the
// facilitator ever receive it. A proposal offers another team a tie between
// the two of them — base access, intelligence sharing or a commitment, the
// tie attributes a scenario's injects set (docs/scenario-format.md). Once
// the recipient accepts, it waits for the turn to close: then, before the
// adjudication, it is enacted as an inject through the facilitator's own
// checked path (facilitator_commands.h). Until then the facilitator may veto
// it, pending or accepted, with a reason the two parties are shown. A
// proposal names only its recipient: the proposer is always the team that
// sent it, so a team can only ever propose ties between itself and another.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "engine/ids.h"

namespace overstretch::serve {

inline constexpr std::size_t kMaxTalkChars = 1000;  // a message, a proposal's note (bytes)
inline constexpr std::size_t kMaxMessages = 5000;   // per game: memory stays bounded
inline constexpr std::size_t kMaxProposals = 1000;  // per game
inline constexpr const char* kFacilitatorParty = "facilitator";

enum class TieKind { kAccess, kIntel, kCommitment };
// kGive: proposer -> recipient; kAsk: recipient -> proposer; kMutual: both.
enum class Direction { kGive, kAsk, kMutual };

struct ProposalTerms {
  TieKind tie = TieKind::kIntel;
  Direction direction = Direction::kMutual;
  double value = 0.0;  // the tie attribute's new value, in [0, 1]
};

std::optional<TieKind> ParseTieKind(std::string_view name);      // access, intel, commitment
std::optional<Direction> ParseDirection(std::string_view name);  // give, ask, mutual
const char* TieKindName(TieKind tie);
const char* DirectionName(Direction direction);

// The inject effect (scenario format) enacting `terms` proposed by `from` to
// `to`: "{tie: {from: JPN, to: ROK, access: 1}}".
std::string TermsEffect(const ProposalTerms& terms, const std::string& from, const std::string& to);
// The terms in words: "JPN grants ROK access to its bases (1)".
std::string TermsText(const ProposalTerms& terms, const std::string& from, const std::string& to);

struct TalkMessage {
  Turn turn = 0;     // the turn being decided when it was sent
  std::string from;  // a team's actor id, or kFacilitatorParty
  std::string to;
  std::string text;
};

enum class ProposalStatus { kPending, kAccepted, kDeclined, kWithdrawn, kLapsed, kVetoed };
const char* ProposalStatusName(ProposalStatus status);

struct Proposal {
  int id = 0;     // 1, 2, ... in the order made
  Turn turn = 0;  // the turn being decided (an unanswered proposal lapses when it closes)
  ActorIndex from, to;
  ProposalTerms terms;
  bool announce = true;  // on acceptance, a headline on every page
  std::string note;      // the proposer's words to the recipient (may be empty)
  ProposalStatus status = ProposalStatus::kPending;
  std::string veto_reason;  // kVetoed: the facilitator's reason
  // kAccepted: its inject was undone by the facilitator (or could not be
  // applied) after it took effect; it is not enacted again.
  bool undone = false;
};

// "" when `text` (already trimmed) may be sent, else why not.
std::string CheckTalkText(const std::string& text, const char* what, bool may_be_empty);

}  // namespace overstretch::serve
