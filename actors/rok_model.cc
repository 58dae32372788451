#include "actors/rok_model.h"

namespace overstretch {

ModelInfo RokModelInfo() {
  ModelInfo info = DoctrineModelInfo();
  info.name = "rok";
  info.summary = "Placeholder: the generic doctrine model (distinctive rules not written yet).";
  return info;
}

}  // namespace overstretch
