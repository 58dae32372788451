#include "actors/prc_model.h"

namespace overstretch {

ModelInfo PrcModelInfo() {
  ModelInfo info = DoctrineModelInfo();
  info.name = "prc";
  info.summary = "Placeholder: the generic doctrine model (distinctive rules not written yet).";
  return info;
}

}  // namespace overstretch
