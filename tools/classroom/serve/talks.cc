// Messages and proposals between teams (talks.h).
#include "tools/classroom/serve/talks.h"

#include <fmt/format.h>

namespace overstretch::serve {

std::optional<TieKind> ParseTieKind(std::string_view name) {
  if (name == "access") return TieKind::kAccess;
  if (name == "intel") return TieKind::kIntel;
  if (name == "commitment") return TieKind::kCommitment;
  return std::nullopt;
}

std::optional<Direction> ParseDirection(std::string_view name) {
  if (name == "give") return Direction::kGive;
  if (name == "ask") return Direction::kAsk;
  if (name == "mutual") return Direction::kMutual;
  return std::nullopt;
}

const char* TieKindName(TieKind tie) {
  switch (tie) {
    case TieKind::kAccess:
      return "access";
    case TieKind::kIntel:
      return "intel";
    case TieKind::kCommitment:
      return "commitment";
  }
  return "intel";
}

const char* DirectionName(Direction direction) {
  switch (direction) {
    case Direction::kGive:
      return "give";
    case Direction::kAsk:
      return "ask";
    case Direction::kMutual:
      return "mutual";
  }
  return "mutual";
}

const char* ProposalStatusName(ProposalStatus status) {
  switch (status) {
    case ProposalStatus::kPending:
      return "pending";
    case ProposalStatus::kAccepted:
      return "accepted";
    case ProposalStatus::kDeclined:
      return "declined";
    case ProposalStatus::kWithdrawn:
      return "withdrawn";
    case ProposalStatus::kLapsed:
      return "lapsed";
    case ProposalStatus::kVetoed:
      return "vetoed";
  }
  return "pending";
}

std::string TermsEffect(const ProposalTerms& terms, const std::string& from,
                        const std::string& to) {
  // The shortest text that reads back as the same double: replay is exact.
  const std::string attr = fmt::format("{}: {}", TieKindName(terms.tie), terms.value);
  switch (terms.direction) {
    case Direction::kGive:
      return fmt::format("{{tie: {{from: {}, to: {}, {}}}}}", from, to, attr);
    case Direction::kAsk:
      return fmt::format("{{tie: {{from: {}, to: {}, {}}}}}", to, from, attr);
    case Direction::kMutual:
      break;
  }
  return fmt::format("{{tie: {{between: [{}, {}], {}}}}}", from, to, attr);
}

std::string TermsText(const ProposalTerms& terms, const std::string& from, const std::string& to) {
  const bool mutual = terms.direction == Direction::kMutual;
  const std::string& giver = terms.direction == Direction::kAsk ? to : from;
  const std::string& taker = terms.direction == Direction::kAsk ? from : to;
  std::string text;
  switch (terms.tie) {
    case TieKind::kAccess:
      text = mutual ? fmt::format("{} and {} grant each other access to their bases", from, to)
                    : fmt::format("{} grants {} access to its bases", giver, taker);
      break;
    case TieKind::kIntel:
      text = mutual ? fmt::format("{} and {} share intelligence with each other", from, to)
                    : fmt::format("{} shares intelligence with {}", giver, taker);
      break;
    case TieKind::kCommitment:
      text = mutual ? fmt::format("{} and {} pledge commitment to each other", from, to)
                    : fmt::format("{} pledges commitment to {}", giver, taker);
      break;
  }
  return fmt::format("{} ({} {})", text, TieKindName(terms.tie), terms.value);
}

std::string CheckTalkText(const std::string& text, const char* what, bool may_be_empty) {
  if (text.empty() && !may_be_empty) return fmt::format("{}: write something first", what);
  if (text.size() > kMaxTalkChars) {
    return fmt::format("{}: at most {} characters (this one has {})", what, kMaxTalkChars,
                       text.size());
  }
  return "";
}

}  // namespace overstretch::serve
