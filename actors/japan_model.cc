#include "actors/japan_model.h"

namespace overstretch {

ModelInfo JapanModelInfo() {
  ModelInfo info = DoctrineModelInfo();
  info.name = "japan";
  info.summary = "Placeholder: the generic doctrine model (distinctive rules not written yet).";
  return info;
}

}  // namespace overstretch
