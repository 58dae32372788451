#include "actors/builtin_models.h"

#include "actors/doctrine_model.h"
#include "actors/scripted_model.h"

namespace overstretch {

void RegisterBuiltinModels(ModelRegistry& registry) {
  registry.Register(DoctrineModelInfo());
  registry.Register(ScriptedModelInfo());
}

}  // namespace overstretch
