#include "actors/dprk_model.h"

namespace overstretch {

ModelInfo DprkModelInfo() {
  ModelInfo info = DoctrineModelInfo();
  info.name = "dprk";
  info.summary = "Placeholder: the generic doctrine model (distinctive rules not written yet).";
  return info;
}

}  // namespace overstretch
