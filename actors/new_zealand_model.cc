#include "actors/new_zealand_model.h"

namespace overstretch {

ModelInfo NewZealandModelInfo() {
  ModelInfo info = DoctrineModelInfo();
  info.name = "new_zealand";
  info.summary = "Placeholder: the generic doctrine model (distinctive rules not written yet).";
  return info;
}

}  // namespace overstretch
