#include "actors/australia_model.h"

namespace overstretch {

ModelInfo AustraliaModelInfo() {
  ModelInfo info = DoctrineModelInfo();
  info.name = "australia";
  info.summary = "Placeholder: the generic doctrine model (distinctive rules not written yet).";
  return info;
}

}  // namespace overstretch
