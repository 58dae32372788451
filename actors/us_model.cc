#include "actors/us_model.h"

namespace overstretch {

ModelInfo UsModelInfo() {
  ModelInfo info = DoctrineModelInfo();
  info.name = "us";
  info.summary = "Placeholder: the generic doctrine model (distinctive rules not written yet).";
  return info;
}

}  // namespace overstretch
