#include "actors/builtin_models.h"

#include "actors/australia_model.h"
#include "actors/doctrine_model.h"
#include "actors/dprk_model.h"
#include "actors/japan_model.h"
#include "actors/new_zealand_model.h"
#include "actors/prc_model.h"
#include "actors/rok_model.h"
#include "actors/scripted_model.h"
#include "actors/us_model.h"

namespace overstretch {

void RegisterBuiltinModels(ModelRegistry& registry) {
  registry.Register(DoctrineModelInfo());
  registry.Register(ScriptedModelInfo());
  registry.Register(AustraliaModelInfo());
  registry.Register(DprkModelInfo());
  registry.Register(JapanModelInfo());
  registry.Register(NewZealandModelInfo());
  registry.Register(PrcModelInfo());
  registry.Register(RokModelInfo());
  registry.Register(UsModelInfo());
}

const ModelRegistry& BuiltinModels() {
  static const ModelRegistry registry = [] {
    ModelRegistry r;
    RegisterBuiltinModels(r);
    return r;
  }();
  return registry;
}

}  // namespace overstretch
