#include "engine/choice.h"

namespace overstretch {

const char* PostureName(Posture p) {
  switch (p) {
    case Posture::kAbstain:
      return "abstain";
    case Posture::kSupport:
      return "support";
    case Posture::kDeploy:
      return "deploy";
  }
  return "?";
}

const char* MoveName(Move m) {
  switch (m) {
    case Move::kDeescalate:
      return "de-escalate";
    case Move::kHold:
      return "hold";
    case Move::kEscalate:
      return "escalate";
  }
  return "?";
}

const char* SideName(Side s) {
  switch (s) {
    case Side::kNone:
      return "none";
    case Side::kChallengers:
      return "challengers";
    case Side::kDefenders:
      return "defenders";
  }
  return "?";
}

}  // namespace overstretch
