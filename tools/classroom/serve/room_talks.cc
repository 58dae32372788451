// Messages and proposals between teams (game_room.h, talks.h): the actions,
// their replay from a saved game, and who sees which. A message or proposal
// (and a veto of it, with its reason) is shown only to its two parties and
// the facilitator; the projector and every other team never receive it.
#include <fmt/format.h>

#include <algorithm>

#include "tools/classroom/facilitator_commands.h"
#include "tools/classroom/play_text.h"
#include "tools/classroom/serve/game_room.h"
#include "tools/runio/summary_json.h"

namespace overstretch::serve {

std::optional<ActorIndex> GameRoom::TeamNamed(const std::string& id) const {
  for (ActorIndex t : teams_) {
    if (Id(t) == id) return t;
  }
  return std::nullopt;
}

bool GameRoom::InEffect(const Proposal& p) const {
  return std::any_of(info_.begin(), info_.end(),
                     [&](const StepInfo& i) { return i.proposal == p.id; });
}

// Stamped with the turn being decided and placed after the steps so far.
void GameRoom::AddSideEvent(Json event) {
  Json e{{"type", event.at("type")}, {"turn", session_.state().turn + 1}};
  for (auto& [key, value] : event.items()) {
    if (key != "type") e[key] = value;
  }
  side_events_.push_back(cli::SideEvent{session_.steps().size(), std::move(e)});
}

std::string GameRoom::SendMessage(std::optional<ActorIndex> from, const std::string& to,
                                  const std::string& text) {
  const std::string body = cli::Trim(text);
  if (std::string why = CheckTalkText(body, "message", false); !why.empty()) return why;
  if (messages_.size() >= kMaxMessages) return "message: this game has reached its message limit";
  const std::optional<ActorIndex> team = TeamNamed(to);
  std::string sender = from ? Id(*from) : kFacilitatorParty;
  if (from) {
    if (team == from) return "message: write to another team or to the facilitator";
    if (!team && to != kFacilitatorParty) {
      return fmt::format("message: '{}' is not a team of this game", cli::Shown(to, 40));
    }
  } else if (!team) {
    return fmt::format("message: '{}' is not a team of this game", cli::Shown(to, 40));
  }
  messages_.push_back(TalkMessage{session_.state().turn + 1, sender, to, body});
  log_.push_back(Json{{"message", Json{{"from", sender}, {"to", to}, {"text", body}}}});
  AddSideEvent(Json{{"type", "message"}, {"from", sender}, {"to", to}, {"text", body}});
  return "";
}

std::string GameRoom::Propose(ActorIndex from, const std::string& to, const std::string& tie,
                              const std::string& direction, double value, bool announce,
                              const std::string& note) {
  if (open_turn() == 0) return "proposal: the game is over";
  if (proposals_.size() >= kMaxProposals) return "proposal: this game has reached its limit";
  const std::optional<ActorIndex> recipient = TeamNamed(to);
  if (!TeamNamed(Id(from))) return "proposal: only a team may propose";
  if (!recipient) {
    return fmt::format("proposal: '{}' is not a team of this game", cli::Shown(to, 40));
  }
  if (*recipient == from) return "proposal: propose to another team";
  const std::optional<TieKind> kind = ParseTieKind(tie);
  if (!kind) return "proposal: the tie is access, intel or commitment";
  const std::optional<Direction> way = ParseDirection(direction);
  if (!way) return "proposal: the direction is give, ask or mutual";
  if (!(value >= 0.0 && value <= 1.0)) return "proposal: the value is a number from 0 to 1";
  const std::string words = cli::Trim(note);
  if (std::string why = CheckTalkText(words, "proposal note", true); !why.empty()) return why;
  const ProposalTerms terms{*kind, *way, value};
  // Checked now as the facilitator's inject would be, so that a proposal
  // that could never take effect is refused at once.
  const cli::FacilitatorCheck check = cli::CheckInject(
      session_, source_, overrides_, registry_, TermsEffect(terms, Id(from), Id(*recipient)));
  if (!check.step) return "proposal: these terms are not a valid inject in this scenario";
  Proposal p;
  p.id = static_cast<int>(proposals_.size()) + 1;
  p.turn = open_turn();
  p.from = from;
  p.to = *recipient;
  p.terms = terms;
  p.announce = announce;
  p.note = words;
  proposals_.push_back(p);
  log_.push_back(Json{{"proposal", Json{{"from", Id(from)},
                                        {"to", to},
                                        {"tie", TieKindName(*kind)},
                                        {"direction", DirectionName(*way)},
                                        {"value", value},
                                        {"announce", announce},
                                        {"note", words}}}});
  AddSideEvent(Json{{"type", "proposal"},
                    {"proposal", p.id},
                    {"from", Id(from)},
                    {"to", to},
                    {"terms", TermsText(terms, Id(from), to)},
                    {"effect", TermsEffect(terms, Id(from), to)},
                    {"announce", announce},
                    {"note", words}});
  return "";
}

Proposal* GameRoom::ProposalNumbered(long long id) {
  if (id < 1 || id > static_cast<long long>(proposals_.size())) return nullptr;
  return &proposals_[static_cast<std::size_t>(id - 1)];
}

std::string GameRoom::Answer(ActorIndex by, long long id, const std::string& reply) {
  Proposal* found = ProposalNumbered(id);
  if (found == nullptr) return "answer: no such proposal";
  Proposal& p = *found;
  const bool withdraw = reply == "withdraw";
  if (reply != "accept" && reply != "decline" && !withdraw) {
    return "answer: accept, decline or withdraw";
  }
  if ((withdraw ? p.from : p.to) != by) {
    return withdraw ? "answer: only the team that proposed may withdraw it"
                    : "answer: only the team it was made to may accept or decline it";
  }
  if (p.status != ProposalStatus::kPending) {
    return fmt::format("answer: that proposal is already {}", ProposalStatusName(p.status));
  }
  if (reply == "accept") {
    // Checked again: an inject or override since the proposal may have made
    // it impossible. It takes effect when the turn closes.
    const cli::FacilitatorCheck check = cli::CheckInject(
        session_, source_, overrides_, registry_, TermsEffect(p.terms, Id(p.from), Id(p.to)));
    if (!check.step) return "answer: the agreement cannot take effect: " + check.error;
    accepted_.push_back(p.id);
  }
  p.status = reply == "accept"    ? ProposalStatus::kAccepted
             : reply == "decline" ? ProposalStatus::kDeclined
                                  : ProposalStatus::kWithdrawn;
  log_.push_back(Json{{"answer", Json{{"proposal", p.id}, {"by", Id(by)}, {"reply", reply}}}});
  AddSideEvent(Json{{"type", "proposal_answer"},
                    {"proposal", p.id},
                    {"by", Id(by)},
                    {"reply", ProposalStatusName(p.status)}});
  return "";
}

std::string GameRoom::Veto(long long id, const std::string& reason) {
  Proposal* found = ProposalNumbered(id);
  if (found == nullptr) return "veto: no such proposal";
  Proposal& p = *found;
  const bool waiting = p.status == ProposalStatus::kPending ||
                       (p.status == ProposalStatus::kAccepted && !InEffect(p) && !p.undone);
  if (!waiting) {
    return p.status == ProposalStatus::kAccepted
               ? "veto: that agreement has already taken effect (undo it instead)"
               : fmt::format("veto: that proposal is already {}", ProposalStatusName(p.status));
  }
  const std::string why = cli::Trim(reason);
  if (why.empty()) return "veto: give a reason (the two teams are shown it)";
  if (std::string bad = CheckTalkText(why, "veto reason", false); !bad.empty()) return bad;
  p.status = ProposalStatus::kVetoed;
  p.veto_reason = why;
  log_.push_back(Json{{"veto", Json{{"proposal", p.id}, {"reason", why}}}});
  const std::string terms = TermsText(p.terms, Id(p.from), Id(p.to));
  AddSideEvent(Json{{"type", "proposal_answer"},
                    {"proposal", p.id},
                    {"by", kFacilitatorParty},
                    {"reply", "vetoed"},
                    {"reason", why}});
  // Also a facilitator event, so that the debrief's key events show it;
  // stamped like the other facilitator events (the turns played so far).
  AddSideEvent(Json{{"type", "facilitator"},
                    {"action", "veto"},
                    {"text", fmt::format("veto of proposal #{}: {}", p.id, terms)},
                    {"reason", why}});
  side_events_.back().event["turn"] = session_.state().turn;
  return "";
}

void GameRoom::EnactAgreements() {
  for (int id : accepted_) {
    Proposal& p = proposals_[static_cast<std::size_t>(id - 1)];
    if (p.status != ProposalStatus::kAccepted || p.undone || InEffect(p)) continue;
    const std::string text = TermsText(p.terms, Id(p.from), Id(p.to));
    const std::string why = EnactInject(TermsEffect(p.terms, Id(p.from), Id(p.to)),
                                        p.announce ? "Agreement: " + text : "", text, p.id);
    if (!why.empty()) p.undone = true;  // checked on acceptance: not expected
  }
}

std::string GameRoom::ReplayTalk(const nlohmann::json& entry) {
  auto text = [](const nlohmann::json& o, const char* key) -> const std::string* {
    return o.contains(key) && o.at(key).is_string() ? o.at(key).get_ptr<const std::string*>()
                                                    : nullptr;
  };
  if (entry.contains("message")) {
    const nlohmann::json& m = entry.at("message");
    if (!m.is_object() || !text(m, "from") || !text(m, "to") || !text(m, "text")) {
      return "a message needs from, to and text";
    }
    std::optional<ActorIndex> from;
    if (*text(m, "from") != kFacilitatorParty) {
      from = TeamNamed(*text(m, "from"));
      if (!from) return "a message from someone who is not a team of this game";
    }
    return SendMessage(from, *text(m, "to"), *text(m, "text"));
  }
  if (entry.contains("proposal")) {
    const nlohmann::json& p = entry.at("proposal");
    const bool shaped = p.is_object() && text(p, "from") && text(p, "to") && text(p, "tie") &&
                        text(p, "direction") && p.contains("value") && p.at("value").is_number() &&
                        p.contains("announce") && p.at("announce").is_boolean() && text(p, "note");
    if (!shaped) return "a proposal needs from, to, tie, direction, value, announce and note";
    const std::optional<ActorIndex> from = TeamNamed(*text(p, "from"));
    if (!from) return "a proposal from someone who is not a team of this game";
    return Propose(*from, *text(p, "to"), *text(p, "tie"), *text(p, "direction"),
                   p.at("value").get<double>(), p.at("announce").get<bool>(), *text(p, "note"));
  }
  if (entry.contains("veto")) {
    const nlohmann::json& v = entry.at("veto");
    if (!v.is_object() || !v.contains("proposal") || !v.at("proposal").is_number_integer() ||
        !text(v, "reason")) {
      return "a veto needs proposal and reason";
    }
    return Veto(v.at("proposal").get<long long>(), *text(v, "reason"));
  }
  const nlohmann::json& a = entry.at("answer");
  if (!a.is_object() || !a.contains("proposal") || !a.at("proposal").is_number_integer() ||
      !text(a, "by") || !text(a, "reply")) {
    return "an answer needs proposal, by and reply";
  }
  const std::optional<ActorIndex> by = TeamNamed(*text(a, "by"));
  if (!by) return "an answer from someone who is not a team of this game";
  return Answer(*by, a.at("proposal").get<long long>(), *text(a, "reply"));
}

Json GameRoom::TalksJson(std::optional<ActorIndex> team) const {
  const std::string me = team ? Id(*team) : "";
  Json messages = Json::array();
  for (const TalkMessage& m : messages_) {
    if (team && m.from != me && m.to != me) continue;
    messages.push_back(Json{{"turn", m.turn}, {"from", m.from}, {"to", m.to}, {"text", m.text}});
  }
  Json proposals = Json::array();
  for (const Proposal& p : proposals_) {
    if (team && p.from != *team && p.to != *team) continue;
    proposals.push_back(Json{{"id", p.id},
                             {"turn", p.turn},
                             {"from", Id(p.from)},
                             {"to", Id(p.to)},
                             {"tie", TieKindName(p.terms.tie)},
                             {"direction", DirectionName(p.terms.direction)},
                             {"value", cli::JsonNumber(p.terms.value)},
                             {"terms", TermsText(p.terms, Id(p.from), Id(p.to))},
                             {"announce", p.announce},
                             {"note", p.note},
                             {"status", ProposalStatusName(p.status)},
                             {"in_effect", InEffect(p)},
                             {"undone", p.undone},
                             {"veto_reason", p.veto_reason}});
  }
  return Json{{"messages", std::move(messages)}, {"proposals", std::move(proposals)}};
}

}  // namespace overstretch::serve
