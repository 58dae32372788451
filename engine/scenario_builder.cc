#include "engine/scenario_builder.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "engine/choice.h"
#include "engine/config_reader.h"
#include "engine/mobilisation.h"

namespace overstretch {
namespace {

// Suggestions compare against at most this many ids: a file with a million
// actors must not make every typo cost a million edit distances.
constexpr std::size_t kMaxSuggestionCandidates = 5000;
constexpr int kMaxTurns = 10000;
// Magnitude bounds (docs/scenario-format.md): far above any real scenario
// (the largest force is ~900 units), and small enough that every product and
// sum the model forms over 10,000 turns stays finite: no input can make a run
// overflow to inf or NaN.
constexpr double kMaxForce = 1e9;         // forces, base capacity: force units
constexpr double kMaxGrievance = 1e9;     // force units per turn, either sign
constexpr double kMaxTheaterValue = 1e6;  // value weight
constexpr double kMaxTableEntry = 1e6;    // run.intensity, run.escalation_cost
constexpr double kMaxMobilisation = 1e3;  // step (turns), reaction, fatigue (per turn)
// The force needed for success is the opponent's times
// (target / (1 - target))^(1 / decisiveness); beyond this multiple the
// arithmetic of demand and stretch would leave the finite range.
constexpr double kMaxForceMultiple = 1e6;

struct ActorAttributeSpec {
  std::string_view key;
  ActorField field;
  double ActorAttributes::*member;
  Range range;
};

// The numeric actor attributes, shared by `actors` and `set` injects.
const std::array<ActorAttributeSpec, 9> kActorAttributes = {{
    {"forces",
     ActorField::kForces,
     &ActorAttributes::forces,
     {0, kMaxForce, false, false, "force units"}},
    {"global_commitments",
     ActorField::kGlobalCommitments,
     &ActorAttributes::global_commitments,
     {0, 1, false, true, "share of forces tied down outside the region"}},
    {"home_reserve",
     ActorField::kHomeReserve,
     &ActorAttributes::home_reserve,
     {0, 1, false, false, "share of forces kept at home"}},
    {"readiness",
     ActorField::kReadiness,
     &ActorAttributes::readiness,
     {0, 1, true, false, "share of forces ready"}},
    {"reach_km", ActorField::kReachKm, &ActorAttributes::reach_km, {0, 40000, true, false, "km"}},
    {"lethality",
     ActorField::kLethality,
     &ActorAttributes::lethality,
     {0, 10, true, false, "attrition per delivered unit per day"}},
    {"regeneration",
     ActorField::kRegeneration,
     &ActorAttributes::regeneration,
     {0, 1, false, false, "share of losses restored per turn"}},
    {"isr", ActorField::kIsr, &ActorAttributes::isr, {0, 1, false, false, "ISR quality"}},
    {"grievance",
     ActorField::kGrievance,
     &ActorAttributes::grievance,
     {-kMaxGrievance, kMaxGrievance, false, false, "force units per turn"}},
}};

struct DoctrineSpec {
  std::string_view key;
  double Doctrine::*member;
  Range range;
  std::string_view description;
};

constexpr Range kWeight{0, 1000, false, false, "weight"};
const std::array<DoctrineSpec, 19> kDoctrineNumbers = {{
    {"security", &Doctrine::security, kWeight,
     "weight of expected control kept (defenders, joiners)"},
    {"resolve", &Doctrine::resolve, kWeight, "weight of expected control gained (challengers)"},
    {"credibility", &Doctrine::credibility, kWeight, "weight of allies' trust at stake"},
    {"cost", &Doctrine::cost, kWeight, "cost per share of available force deployed"},
    {"support_cost", &Doctrine::support_cost, kWeight, "flat cost of the support posture"},
    {"escalation", &Doctrine::escalation, kWeight,
     "weight of run.escalation_cost at the level one stands at"},
    {"nuclear", &Doctrine::nuclear, kWeight,
     "extra cost of the nuclear threshold against a nuclear side"},
    {"sanctions", &Doctrine::sanctions, kWeight, "challengers' cost per opposing backer and rung"},
    {"war_cost", &Doctrine::war_cost, kWeight, "weight of expected attrition of deployed force"},
    {"horizon",
     &Doctrine::horizon,
     {1, kMaxTurns, false, false, "turns"},
     "turns over which control gains are valued"},
    {"lookahead",
     &Doctrine::lookahead,
     {0, 5, false, false, "escalation rungs"},
     "rungs above the current one defenders and joiners prepare for"},
    {"help", &Doctrine::help, kWeight, "weight of a committed partner's request for help"},
    {"home_defence",
     &Doctrine::home_defence,
     {0, 1, false, false, "share"},
     "share of escalation, nuclear and war exposure a listed defender bears whether or not it "
     "deploys"},
    {"compensation", &Doctrine::compensation, kWeight,
     "weight of the uncovered share of its side's need, per share deployed (defenders' side)"},
    {"surprise",
     &Doctrine::surprise,
     {0, 1, false, false, "share"},
     "share of the other side's force a challenger's escalation catches out of position when that "
     "side has no warning"},
    {"inertia", &Doctrine::inertia, kWeight, "bonus for repeating last turn's choice"},
    {"rationality",
     &Doctrine::rationality,
     {0, 1000, false, false, "logit precision, 1/utility"},
     "logit precision lambda"},
    {"join_threshold",
     &Doctrine::join_threshold,
     {0, 1, false, false, "pull"},
     "minimum pull to join a side"},
    {"offensive_pull",
     &Doctrine::offensive_pull,
     {0, 1, false, false, "zeta"},
     "zeta: weight of commitments toward challengers"},
}};

struct TieAttributeSpec {
  std::string_view key;
  double TieAttributes::*member;
};

// In declaration order of TieAttributes: the position is the Effect::tie_mask bit.
const std::array<TieAttributeSpec, 5> kTieAttributes = {{
    {"commitment", &TieAttributes::commitment},
    {"access", &TieAttributes::access},
    {"intel", &TieAttributes::intel},
    {"trust", &TieAttributes::trust},
    {"hostility", &TieAttributes::hostility},
}};

constexpr Range kTieRange{0, 1, false, false, ""};
constexpr Range kStakeRange{-1, 1, false, false, "signed stake"};
constexpr Range kTheaterValue{0, kMaxTheaterValue, true, false, "value weight"};
constexpr Range kCapacity{0, kMaxForce, false, false, "force units per turn"};

}  // namespace

std::vector<ParamSpec> DoctrineParamSpecs() {
  const Doctrine defaults;
  std::vector<ParamSpec> specs;
  for (const DoctrineSpec& spec : kDoctrineNumbers) {
    specs.push_back(ParamSpec{std::string(spec.key), defaults.*spec.member, spec.range.min,
                              spec.range.max, std::string(spec.range.units),
                              std::string(spec.description)});
  }
  return specs;
}

namespace {

std::vector<std::string> DoctrineKeys() {
  std::vector<std::string> keys;
  for (const DoctrineSpec& spec : kDoctrineNumbers) keys.emplace_back(spec.key);
  keys.emplace_back("argmax");
  keys.emplace_back("deploy_levels");
  return keys;
}

std::vector<std::string> ActorKeys() {
  std::vector<std::string> keys = {"name",     "model",  "home",  "nuclear",
                                   "doctrine", "params", "script"};
  for (const ActorAttributeSpec& spec : kActorAttributes) keys.emplace_back(spec.key);
  return keys;
}

// The models that take a script, for an error: "model 'x'", "model 'x' or
// 'y'", or a sentence saying none is registered.
std::string ScriptModels(const ModelRegistry& registry) {
  std::string names;
  for (const auto& [name, info] : registry.all()) {
    if (!info.takes_script) continue;
    names += fmt::format("{}'{}'", names.empty() ? "" : " or ", name);
  }
  return names.empty() ? "a model that takes a script, and none is registered" : "model " + names;
}

std::vector<std::string> TieKeys(bool with_attributes) {
  std::vector<std::string> keys = {"from", "to", "between"};
  if (with_attributes) {
    for (const TieAttributeSpec& spec : kTieAttributes) keys.emplace_back(spec.key);
  }
  return keys;
}

std::vector<std::string> Split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    parts.emplace_back(text.substr(start, end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

// The ids of one section (actors, bases, theaters), sorted.
struct IdTable {
  std::string what;  // "actor"
  std::vector<std::string> ids;
  std::vector<const ConfigNode*> values;  // same order as ids
  std::map<std::string, std::uint32_t> index;
};

struct TiePair {
  std::uint32_t from = 0;
  std::uint32_t to = 0;
};

// An Effect with where it was written, for conflict messages.
struct PlacedEffect {
  Effect effect;
  const ConfigNode* node = nullptr;
  std::string target;  // "actors.US.forces", for messages
};

struct PendingInject {
  Inject inject;
  bool enabled = true;
  std::vector<PlacedEffect> effects;
};

class ScenarioBuilder {
 public:
  ScenarioBuilder(const ConfigNode& root, const std::string& file, const ModelRegistry& registry,
                  Diagnostics* diagnostics, std::vector<NodeRead>* reads)
      : root_(root), registry_(registry), reader_(file, diagnostics), diagnostics_(diagnostics) {
    scenario_.source_file = file;
    reader_.set_read_log(reads);
  }

  std::optional<Scenario> Build();

 private:
  const ConfigNode* Section(std::string_view key) const { return root_.Find(key); }

  void ReadScenarioBlock();
  void ReadRun();
  void ReadInadvertent(const ConfigNode& node);
  void ReadRunTrust(const ConfigNode& node);
  void ReadRunEnd(const ConfigNode& node);
  void ReadMobilisation(const ConfigNode& node);
  void CheckEscalationTables(const ConfigNode& run);
  void ReadDoctrine(const ConfigNode& node, const std::string& path, Doctrine* doctrine) const;
  void ReadDeployLevels(const ConfigNode& node, const std::string& path, Doctrine* doctrine) const;

  IdTable CollectIds(std::string_view section, std::string_view what, bool required,
                     std::size_t max_count);
  std::optional<std::uint32_t> Resolve(const IdTable& table, const ConfigNode& node,
                                       const std::string& path) const;
  std::optional<std::uint32_t> ResolveText(const IdTable& table, const std::string& id,
                                           const ConfigNode& at, const std::string& path) const;

  void ReadActors();
  void ReadActor(std::size_t i, ActorDef* actor);
  void ReadParams(const ConfigNode& actor_node, const std::string& path, ActorDef* actor);
  void ReadScript(const ConfigNode& node, const std::string& path, ActorDef* actor);
  std::optional<ScriptStep> ReadScriptStep(const ConfigNode& node, const std::string& path);
  void ReadBases();
  void ReadTheaters();
  void ReadTheater(std::size_t i, TheaterDef* theater);
  std::vector<ActorIndex> ReadParties(const ConfigNode& map, std::string_view key,
                                      const std::string& path);
  void ReadStakes(const ConfigNode& node, const std::string& path, TheaterDef* theater);
  std::optional<Turn> ReadTurn(const ConfigNode& node, const std::string& path) const;

  std::vector<TiePair> ReadTieEnds(const ConfigNode& map, const std::string& path) const;
  bool ReadTieAttributes(const ConfigNode& map, const std::string& path, TieAttributes* attrs,
                         std::uint8_t* mask) const;
  void ReadTies();

  void ReadInjects();
  std::optional<PendingInject> ReadInject(const ConfigNode& node, const std::string& path,
                                          std::set<std::string>* ids);
  void ReadEffect(const ConfigNode& node, const std::string& path, PendingInject* inject);
  std::optional<PlacedEffect> ReadSetEffect(const ConfigNode& node, const std::string& path);
  std::optional<PlacedEffect> ReadSetActor(const std::vector<std::string>& parts,
                                           const ConfigNode& node, const std::string& path);
  std::optional<PlacedEffect> ReadSetTheater(const std::vector<std::string>& parts,
                                             const ConfigNode& node, const std::string& path);
  std::optional<PlacedEffect> ReadSetBase(const std::vector<std::string>& parts,
                                          const ConfigNode& node, const std::string& path);
  void CheckConflicts(const std::vector<PendingInject>& injects) const;

  void CheckMobilisation();
  void CheckForceMultiple(const ConfigNode& run);
  void ResolvePatron();

  const ConfigNode& root_;
  const ModelRegistry& registry_;
  ConfigReader reader_;
  Diagnostics* diagnostics_;
  Scenario scenario_;
  double default_trust_ = 0.8;
  Doctrine default_doctrine_;
  bool too_big_ = false;     // a section has more entities than its limit
  bool turns_known_ = true;  // run.turns valid (or defaulted): turn ranges can be checked
  IdTable actors_;
  IdTable bases_;
  IdTable theaters_;
};

// ---------------------------------------------------------------- top level

std::optional<Scenario> ScenarioBuilder::Build() {
  if (root_.IsNull()) {
    reader_.Error(root_,
                  "empty scenario: expected a map with the sections scenario, run, "
                  "doctrine, actors, bases, ties, theaters, injects");
    return std::nullopt;
  }
  if (!reader_.ExpectMap(
          root_, "",
          {"scenario", "run", "doctrine", "actors", "bases", "ties", "theaters", "injects"})) {
    return std::nullopt;
  }
  ReadScenarioBlock();
  ReadRun();
  if (const ConfigNode* doctrine = Section("doctrine")) {
    ReadDoctrine(*doctrine, "doctrine", &default_doctrine_);
  }
  actors_ = CollectIds("actors", "actor", true, kMaxActors);
  bases_ = CollectIds("bases", "base", false, kMaxBases);
  theaters_ = CollectIds("theaters", "theater", false, kMaxTheaters);
  if (too_big_) return std::nullopt;  // the rest would only repeat "no such actor"
  ReadActors();
  ReadBases();
  ReadTheaters();
  ReadTies();
  ReadInjects();
  ResolvePatron();
  if (reader_.error_count() == 0) CheckMobilisation();
  if (reader_.dropped() > 0) {
    diagnostics_->Error(scenario_.source_file, 0, 0,
                        fmt::format("too many errors: {} more not shown", reader_.dropped()));
  }
  if (reader_.error_count() > 0) return std::nullopt;
  return std::move(scenario_);
}

void ScenarioBuilder::ReadScenarioBlock() {
  const ConfigNode* block = reader_.Require(root_, "scenario", "");
  if (block == nullptr ||
      !reader_.ExpectMap(*block, "scenario", {"name", "description", "patron"})) {
    return;
  }
  if (const ConfigNode* name = reader_.Require(*block, "name", "scenario")) {
    if (auto value = reader_.String(*name, "scenario.name")) scenario_.name = *value;
  }
  reader_.ReadString(*block, "description", "scenario", &scenario_.description);
}

void ScenarioBuilder::ResolvePatron() {
  const ConfigNode* block = Section("scenario");
  if (block == nullptr || !block->IsMap()) return;
  const ConfigNode* patron = block->Find("patron");
  if (patron == nullptr) return;
  if (auto index = Resolve(actors_, *patron, "scenario.patron")) {
    scenario_.patron = ActorIndex(*index);
    scenario_.has_patron = true;
  }
}

// ---------------------------------------------------------------- run

void ScenarioBuilder::ReadRun() {
  const ConfigNode* run = Section("run");
  if (run == nullptr) return;
  if (!reader_.ExpectMap(
          *run, "run",
          {"turns", "days_per_turn", "fog", "decisiveness", "seed", "intensity", "control_rate",
           "escalation_cost", "trust", "end", "stretch_target", "mobilisation", "inadvertent"})) {
    return;
  }
  RunSettings& settings = scenario_.run;
  if (const ConfigNode* turns = run->Find("turns")) {
    const auto value = reader_.Integer(*turns, "run.turns", 1, kMaxTurns, "turns");
    if (value) {
      settings.turns = static_cast<int>(*value);
    } else {
      turns_known_ = false;
    }
  }
  reader_.ReadNumber(*run, "days_per_turn", "run", {0, 3650, true, false, "days"},
                     &settings.days_per_turn);
  reader_.ReadNumber(*run, "fog", "run", {0, 5, false, false, "sigma_0, log-normal noise"},
                     &settings.fog);
  reader_.ReadNumber(*run, "decisiveness", "run", {0, 20, true, false, "beta"},
                     &settings.decisiveness);
  if (const ConfigNode* seed = run->Find("seed")) {
    if (auto value = reader_.Unsigned64(*seed, "run.seed")) settings.seed = *value;
  }
  reader_.ReadNumber(*run, "stretch_target", "run", {0, 1, true, true, "success probability"},
                     &settings.stretch_target);
  CheckForceMultiple(*run);
  CheckEscalationTables(*run);
  if (const ConfigNode* trust = run->Find("trust")) ReadRunTrust(*trust);
  if (const ConfigNode* end = run->Find("end")) ReadRunEnd(*end);
  if (const ConfigNode* mobilisation = run->Find("mobilisation")) ReadMobilisation(*mobilisation);
  if (const ConfigNode* inadvertent = run->Find("inadvertent")) ReadInadvertent(*inadvertent);
}

void ScenarioBuilder::ReadInadvertent(const ConfigNode& node) {
  if (!reader_.ExpectMap(node, "run.inadvertent", {"rate", "losses", "stretch"})) return;
  Inadvertent& in = scenario_.run.inadvertent;
  reader_.ReadNumber(node, "rate", "run.inadvertent",
                     {0, 0.25, false, false, "hazard per unit of intensity"}, &in.rate);
  reader_.ReadNumber(node, "losses", "run.inadvertent",
                     {0, 10, false, false, "per unit of loss share"}, &in.losses);
  reader_.ReadNumber(node, "stretch", "run.inadvertent",
                     {0, 10, false, false, "per unit of stretch"}, &in.stretch);
}

// Each value is fine alone; together a small decisiveness and a high target
// ask for astronomically more force than the opponent's (an overflow at
// decisiveness 0.001). Reported at decisiveness, naming both.
void ScenarioBuilder::CheckForceMultiple(const ConfigNode& run) {
  const RunSettings& settings = scenario_.run;
  const double odds = settings.stretch_target / (1.0 - settings.stretch_target);
  if (!(odds > 1.0)) return;  // the multiple is at most 1
  const double log_multiple = std::log(odds) / settings.decisiveness;
  if (log_multiple <= std::log(kMaxForceMultiple)) return;
  const double min_beta = std::log(odds) / std::log(kMaxForceMultiple);
  const ConfigNode* at = run.Find("decisiveness");
  if (at == nullptr) at = run.Find("stretch_target");
  reader_.Error(at != nullptr ? *at : run,
                fmt::format("run.decisiveness = {:g} with run.stretch_target = {:g}: the force "
                            "needed for success would be e^{:.0f} times the opponent's (at most "
                            "{:g} is allowed, or demand and stretch overflow); raise "
                            "run.decisiveness to at least {:.3g} or lower run.stretch_target",
                            settings.decisiveness, settings.stretch_target, log_multiple,
                            kMaxForceMultiple, min_beta));
}

void ScenarioBuilder::CheckEscalationTables(const ConfigNode& run) {
  RunSettings& settings = scenario_.run;
  if (const ConfigNode* node = run.Find("intensity")) {
    reader_.Table(*node, "run.intensity",
                  {0, kMaxTableEntry, false, false, "share of a day's fighting"},
                  &settings.intensity);
  }
  if (const ConfigNode* node = run.Find("control_rate")) {
    if (reader_.Table(*node, "run.control_rate", {0, 1, false, false, "control per turn"},
                      &settings.control_rate) &&
        settings.control_rate[5] > settings.control_rate[4]) {
      reader_.Error(node->items[5],
                    fmt::format("run.control_rate must not increase from level 4 to 5 ({:g} > "
                                "{:g}): crossing the nuclear threshold brings no conventional gain",
                                settings.control_rate[5], settings.control_rate[4]));
    }
  }
  if (const ConfigNode* node = run.Find("escalation_cost")) {
    if (reader_.Table(*node, "run.escalation_cost", {0, kMaxTableEntry, false, false, "utility"},
                      &settings.escalation_cost) &&
        !(settings.escalation_cost[5] > settings.escalation_cost[4])) {
      reader_.Error(node->items[5],
                    fmt::format("run.escalation_cost must jump at level 5 (cost[5] = {:g} must "
                                "exceed cost[4] = {:g}): otherwise the winner climbs to the "
                                "nuclear threshold",
                                settings.escalation_cost[5], settings.escalation_cost[4]));
    }
  }
}

void ScenarioBuilder::ReadRunTrust(const ConfigNode& node) {
  if (!reader_.ExpectMap(node, "run.trust",
                         {"initial", "gain", "loss", "reputation", "abandon_min", "abandon_share",
                          "deterrence"})) {
    return;
  }
  RunSettings& settings = scenario_.run;
  reader_.ReadNumber(node, "initial", "run.trust", {0, 1, false, false, "trust"}, &default_trust_);
  reader_.ReadNumber(node, "gain", "run.trust", {0, 1, false, false, "share of the gap"},
                     &settings.trust_gain);
  reader_.ReadNumber(node, "loss", "run.trust", {0, 1, false, false, "share of trust"},
                     &settings.trust_loss);
  reader_.ReadNumber(node, "reputation", "run.trust", {0, 1, false, false, "share of a change"},
                     &settings.reputation);
  reader_.ReadNumber(node, "abandon_min", "run.trust", {0, 1, false, false, "commitment"},
                     &settings.abandon_min);
  reader_.ReadNumber(node, "abandon_share", "run.trust",
                     {0, 1, false, false, "delivered share of what was needed"},
                     &settings.abandon_share);
  reader_.ReadNumber(node, "deterrence", "run.trust", {0, 4, false, false, "exponent kappa"},
                     &settings.trust_deterrence);
}

void ScenarioBuilder::ReadRunEnd(const ConfigNode& node) {
  if (!reader_.ExpectMap(node, "run.end", {"margin", "at_zero"})) return;
  reader_.ReadNumber(node, "margin", "run.end", {0, 1, false, true, "control"},
                     &scenario_.run.end_margin);
  reader_.ReadBool(node, "at_zero", "run.end", &scenario_.run.end_at_zero);
}

void ScenarioBuilder::ReadMobilisation(const ConfigNode& node) {
  if (!reader_.ExpectMap(node, "run.mobilisation", {"enabled", "step", "reaction", "fatigue"})) {
    return;
  }
  Mobilisation& m = scenario_.run.mobilisation;
  reader_.ReadBool(node, "enabled", "run.mobilisation", &m.enabled);
  reader_.ReadNumber(node, "step", "run.mobilisation", {0, kMaxMobilisation, true, false, "turns"},
                     &m.step);
  reader_.ReadNumber(node, "reaction", "run.mobilisation",
                     {0, kMaxMobilisation, false, false, "per turn"}, &m.reaction);
  reader_.ReadNumber(node, "fatigue", "run.mobilisation",
                     {0, kMaxMobilisation, false, false, "per turn"}, &m.fatigue);
}

void ScenarioBuilder::CheckMobilisation() {
  const Mobilisation& m = scenario_.run.mobilisation;
  if (!m.enabled) return;
  const ConfigNode* run = Section("run");
  const ConfigNode* block = run != nullptr ? run->Find("mobilisation") : nullptr;
  const ConfigNode* step = block != nullptr ? block->Find("step") : nullptr;
  const ConfigNode& at = step != nullptr ? *step : block != nullptr ? *block : root_;
  const std::size_t n = scenario_.actor_count();
  std::vector<Reaction> reactions;
  for (const TieDef& tie : scenario_.ties) {
    reactions.push_back({static_cast<std::uint32_t>(tie.from.get()),
                         static_cast<std::uint32_t>(tie.to.get()),
                         m.reaction * tie.attrs.hostility});
  }
  ReactionMatrix k;
  k.Assign(n, reactions);
  const std::vector<double> fatigue(n, m.fatigue);
  const RichardsonCheck check = CheckRichardsonStep(k, fatigue, m.step);
  if (check.stable) return;
  if (check.oversized_cycle > 0) {
    reader_.Error(at, fmt::format("run.mobilisation: {} actors form one cycle of hostility (each "
                                  "is hostile, directly or through others, to every other); the "
                                  "stability check handles at most {} (lower hostility to 0 on "
                                  "some ties, or disable mobilisation)",
                                  check.oversized_cycle, kMaxHostilityCycle));
    return;
  }
  if (check.max_step > 0.0) {
    reader_.Error(at, fmt::format("run.mobilisation.step = {:g} turns is unstable for this "
                                  "scenario's hostility and fatigue: the largest stable step is "
                                  "{:g} turns (use a smaller step)",
                                  m.step, check.max_step));
  } else {
    reader_.Error(at, fmt::format("run.mobilisation.step = {:g}: no step is stable, the arms race "
                                  "grows without bound (raise run.mobilisation.fatigue or lower "
                                  "reaction or hostility)",
                                  m.step));
  }
}

// ---------------------------------------------------------------- doctrine

void ScenarioBuilder::ReadDoctrine(const ConfigNode& node, const std::string& path,
                                   Doctrine* doctrine) const {
  if (!reader_.ExpectMap(node, path, DoctrineKeys())) return;
  for (const DoctrineSpec& spec : kDoctrineNumbers) {
    reader_.ReadNumber(node, spec.key, path, spec.range, &(doctrine->*spec.member));
  }
  reader_.ReadBool(node, "argmax", path, &doctrine->argmax);
  if (const ConfigNode* levels = node.Find("deploy_levels")) {
    ReadDeployLevels(*levels, JoinPath(path, "deploy_levels"), doctrine);
  }
}

void ScenarioBuilder::ReadDeployLevels(const ConfigNode& node, const std::string& path,
                                       Doctrine* doctrine) const {
  if (!node.IsSequence() || node.items.empty() || node.items.size() > kMaxDeployLevels) {
    reader_.Error(node, fmt::format("{}: expected 1 to {} shares of available force, {}", path,
                                    kMaxDeployLevels,
                                    node.IsSequence() ? fmt::format("got {}", node.items.size())
                                                      : std::string("got ") + KindName(node.kind)));
    return;
  }
  std::vector<double> levels;
  bool ok = true;
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const std::string item_path = fmt::format("{}.{}", path, i);
    const auto level =
        reader_.Number(node.items[i], item_path, {0, 1, true, false, "share of available force"});
    if (!level) {
      ok = false;
      continue;
    }
    if (!levels.empty() && *level <= levels.back()) {
      reader_.Error(node.items[i], fmt::format("{}: deploy levels must be strictly increasing "
                                               "({:g} follows {:g})",
                                               item_path, *level, levels.back()));
      ok = false;
    }
    levels.push_back(*level);
  }
  if (ok) doctrine->deploy_levels = std::move(levels);
}

// ---------------------------------------------------------------- ids

IdTable ScenarioBuilder::CollectIds(std::string_view section, std::string_view what, bool required,
                                    std::size_t max_count) {
  IdTable table;
  table.what = std::string(what);
  const ConfigNode* node = required ? reader_.Require(root_, section, "") : root_.Find(section);
  if (node == nullptr || !reader_.ExpectMapOfIds(*node, std::string(section), what)) return table;
  if (required && node->entries.empty()) {
    reader_.Error(*node, fmt::format("{}: at least one {} is required", section, what));
  }
  if (node->entries.size() > max_count) {
    reader_.Error(*node, fmt::format("{}: {} {}s, the limit is {}", section, node->entries.size(),
                                     what, max_count));
    too_big_ = true;
    return table;
  }
  std::map<std::string, const ConfigNode*> sorted;
  for (const ConfigEntry& entry : node->entries) {
    // Invalid and repeated ids were reported by ExpectMapOfIds; the first one wins.
    if (entry.key.IsScalar() && IsValidId(entry.key.scalar)) {
      sorted.emplace(entry.key.scalar, &entry.value);
    }
  }
  for (const auto& [id, value] : sorted) {
    table.index.emplace(id, static_cast<std::uint32_t>(table.ids.size()));
    table.ids.push_back(id);
    table.values.push_back(value);
  }
  return table;
}

std::optional<std::uint32_t> ScenarioBuilder::Resolve(const IdTable& table, const ConfigNode& node,
                                                      const std::string& path) const {
  const auto id = reader_.Id(node, path, table.what);
  if (!id) return std::nullopt;
  return ResolveText(table, *id, node, path);
}

std::optional<std::uint32_t> ScenarioBuilder::ResolveText(const IdTable& table,
                                                          const std::string& id,
                                                          const ConfigNode& at,
                                                          const std::string& path) const {
  if (auto it = table.index.find(id); it != table.index.end()) return it->second;
  std::string message = fmt::format("{}: no {} {}", path, table.what, Quote(id));
  const std::string nearest = table.ids.size() <= kMaxSuggestionCandidates
                                  ? NearestCandidate(id, table.ids)
                                  : std::string();
  if (!nearest.empty()) message += fmt::format(" (did you mean '{}'?)", nearest);
  reader_.Error(at, message);
  return std::nullopt;
}

std::optional<Turn> ScenarioBuilder::ReadTurn(const ConfigNode& node,
                                              const std::string& path) const {
  // With an invalid run.turns (reported already) only the absolute bound applies.
  const int last = turns_known_ ? scenario_.run.turns : kMaxTurns;
  const auto turn = reader_.Integer(node, path, 1, last, "a turn of the run, 1..run.turns");
  if (!turn) return std::nullopt;
  return static_cast<Turn>(*turn);
}

// ---------------------------------------------------------------- actors

void ScenarioBuilder::ReadActors() {
  scenario_.actors.resize(actors_.ids.size());
  for (std::size_t i = 0; i < actors_.ids.size(); ++i) ReadActor(i, &scenario_.actors[i]);
}

void ScenarioBuilder::ReadActor(std::size_t i, ActorDef* actor) {
  const ConfigNode& node = *actors_.values[i];
  const std::string path = "actors." + actors_.ids[i];
  actor->id = actors_.ids[i];
  actor->name = actor->id;
  actor->doctrine = default_doctrine_;
  if (!reader_.ExpectMap(node, path, ActorKeys())) return;
  reader_.ReadString(node, "name", path, &actor->name);
  reader_.ReadString(node, "model", path, &actor->model);
  for (const ActorAttributeSpec& spec : kActorAttributes) {
    reader_.ReadNumber(node, spec.key, path, spec.range, &(actor->attrs.*spec.member));
  }
  reader_.ReadBool(node, "nuclear", path, &actor->attrs.nuclear);
  if (const ConfigNode* home = reader_.Require(node, "home", path)) {
    if (auto location = reader_.Location(*home, path + ".home")) actor->attrs.home = *location;
  }
  if (const ConfigNode* doctrine = node.Find("doctrine")) {
    ReadDoctrine(*doctrine, path + ".doctrine", &actor->doctrine);
  }
  ReadParams(node, path, actor);
  if (const ConfigNode* script = node.Find("script")) {
    const ModelInfo* model = registry_.Find(actor->model);
    if (model == nullptr || !model->takes_script) {
      const ConfigEntry* entry = nullptr;
      for (const ConfigEntry& e : node.entries) {
        if (&e.value == script) entry = &e;
      }
      reader_.Error(entry != nullptr ? entry->key : *script,
                    fmt::format("{}.script is only allowed with {} (the model is '{}')", path,
                                ScriptModels(registry_), actor->model));
    } else {
      ReadScript(*script, path + ".script", actor);
    }
  }
}

void ScenarioBuilder::ReadParams(const ConfigNode& actor_node, const std::string& path,
                                 ActorDef* actor) {
  const ModelInfo* model = registry_.Find(actor->model);
  if (model == nullptr) {
    const ConfigNode* model_node = actor_node.Find("model");
    const std::vector<std::string> names = registry_.Names();
    std::string message = fmt::format("{}.model: no actor model {}", path, Quote(actor->model));
    const std::string nearest = NearestCandidate(actor->model, names);
    if (!nearest.empty()) {
      message += fmt::format(" (did you mean '{}'?)", nearest);
    } else {
      std::string list;
      for (const std::string& name : names) list += (list.empty() ? "" : ", ") + name;
      message += "; registered models: " + list;
    }
    reader_.Error(model_node != nullptr ? *model_node : actor_node, message);
    return;
  }
  actor->model_params.clear();
  for (const ParamSpec& spec : model->params) actor->model_params[spec.name] = spec.default_value;
  const ConfigNode* params = actor_node.Find("params");
  if (params == nullptr) return;
  std::vector<std::string> names;
  for (const ParamSpec& spec : model->params) names.push_back(spec.name);
  const std::string params_path = path + ".params";
  if (!reader_.ExpectMap(*params, params_path, names)) return;
  for (const ParamSpec& spec : model->params) {
    const Range range{spec.min, spec.max, false, false, spec.unit};
    reader_.ReadNumber(*params, spec.name, params_path, range, &actor->model_params[spec.name]);
  }
}

void ScenarioBuilder::ReadScript(const ConfigNode& node, const std::string& path, ActorDef* actor) {
  if (!reader_.ExpectSequence(node, path)) return;
  std::map<std::pair<Turn, std::uint32_t>, const ConfigNode*> seen;
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const ConfigNode& item = node.items[i];
    const auto step = ReadScriptStep(item, fmt::format("{}.{}", path, i));
    if (!step) continue;
    auto [it, inserted] = seen.emplace(std::pair(step->turn, step->theater.value), &item);
    if (!inserted) {
      reader_.Error(item, fmt::format("{}.{}: a second step for turn {} in theater '{}' (the "
                                      "first is at {})",
                                      path, i, step->turn, theaters_.ids[step->theater.get()],
                                      reader_.Where(*it->second)));
      continue;
    }
    actor->script.push_back(*step);
  }
  std::sort(actor->script.begin(), actor->script.end(),
            [](const ScriptStep& a, const ScriptStep& b) {
              return std::pair(a.turn, a.theater) < std::pair(b.turn, b.theater);
            });
}

std::optional<ScriptStep> ScenarioBuilder::ReadScriptStep(const ConfigNode& node,
                                                          const std::string& path) {
  if (!reader_.ExpectMap(node, path, {"turn", "theater", "posture", "share", "move"})) {
    return std::nullopt;
  }
  ScriptStep step;
  bool ok = true;
  if (const ConfigNode* turn = reader_.Require(node, "turn", path)) {
    const auto value = ReadTurn(*turn, path + ".turn");
    ok = ok && value.has_value();
    if (value) step.turn = *value;
  } else {
    ok = false;
  }
  if (const ConfigNode* theater = reader_.Require(node, "theater", path)) {
    const auto index = Resolve(theaters_, *theater, path + ".theater");
    ok = ok && index.has_value();
    if (index) step.theater = TheaterIndex(*index);
  } else {
    ok = false;
  }
  std::optional<Posture> posture;
  if (const ConfigNode* posture_node = reader_.Require(node, "posture", path)) {
    if (auto text = reader_.String(*posture_node, path + ".posture")) {
      for (Posture p : {Posture::kAbstain, Posture::kSupport, Posture::kDeploy}) {
        if (*text == PostureName(p)) posture = p;
      }
      if (!posture) {
        reader_.Error(*posture_node, fmt::format("{}.posture: expected abstain, support or "
                                                 "deploy, got {}",
                                                 path, Quote(*text)));
      }
    }
  }
  ok = ok && posture.has_value();
  if (posture) step.posture = static_cast<std::uint8_t>(*posture);
  if (const ConfigNode* share = node.Find("share")) {
    const auto value =
        reader_.Number(*share, path + ".share", {0, 1, false, false, "share of available force"});
    ok = ok && value.has_value();
    if (value) step.share = *value;
    if (value && posture && (*posture == Posture::kDeploy) != (*value > 0.0)) {
      reader_.Error(*share, fmt::format("{}.share: must be > 0 for posture deploy and 0 "
                                        "otherwise, got {:g} with posture {}",
                                        path, *value, PostureName(*posture)));
      ok = false;
    }
  } else if (posture == Posture::kDeploy) {
    reader_.Error(node, fmt::format("missing required key 'share' in {} (posture deploy)", path));
    ok = false;
  }
  if (const ConfigNode* move = node.Find("move")) {
    std::optional<Move> parsed;
    if (auto text = reader_.String(*move, path + ".move")) {
      for (Move m : {Move::kEscalate, Move::kHold, Move::kDeescalate}) {
        if (*text == MoveName(m)) parsed = m;
      }
      if (!parsed) {
        reader_.Error(*move, fmt::format("{}.move: expected escalate, hold or de-escalate, got {}",
                                         path, Quote(*text)));
      }
    }
    ok = ok && parsed.has_value();
    if (parsed) step.move = static_cast<int>(*parsed);
  }
  if (!ok) return std::nullopt;
  return step;
}

// ---------------------------------------------------------------- bases

void ScenarioBuilder::ReadBases() {
  scenario_.bases.resize(bases_.ids.size());
  for (std::size_t i = 0; i < bases_.ids.size(); ++i) {
    BaseDef& base = scenario_.bases[i];
    const ConfigNode& node = *bases_.values[i];
    const std::string path = "bases." + bases_.ids[i];
    base.id = bases_.ids[i];
    base.name = base.id;
    if (!reader_.ExpectMap(node, path, {"name", "location", "host", "capacity"})) continue;
    reader_.ReadString(node, "name", path, &base.name);
    if (const ConfigNode* location = reader_.Require(node, "location", path)) {
      if (auto value = reader_.Location(*location, path + ".location")) base.location = *value;
    }
    if (const ConfigNode* host = reader_.Require(node, "host", path)) {
      if (auto index = Resolve(actors_, *host, path + ".host")) base.host = ActorIndex(*index);
    }
    reader_.ReadNumber(node, "capacity", path, kCapacity, &base.capacity);
  }
}

// ---------------------------------------------------------------- theaters

void ScenarioBuilder::ReadTheaters() {
  scenario_.theaters.resize(theaters_.ids.size());
  for (std::size_t i = 0; i < theaters_.ids.size(); ++i) ReadTheater(i, &scenario_.theaters[i]);
}

void ScenarioBuilder::ReadTheater(std::size_t i, TheaterDef* theater) {
  const ConfigNode& node = *theaters_.values[i];
  const std::string path = "theaters." + theaters_.ids[i];
  theater->id = theaters_.ids[i];
  theater->name = theater->id;
  theater->attrs.stakes.assign(scenario_.actor_count(), 0.0);
  if (!reader_.ExpectMap(node, path,
                         {"name", "location", "opens", "escalation", "challengers", "defenders",
                          "value", "stakes", "initial_control"})) {
    return;
  }
  reader_.ReadString(node, "name", path, &theater->name);
  if (const ConfigNode* location = reader_.Require(node, "location", path)) {
    if (auto value = reader_.Location(*location, path + ".location")) theater->location = *value;
  }
  if (const ConfigNode* opens = node.Find("opens")) {
    if (auto turn = ReadTurn(*opens, path + ".opens")) theater->opens = *turn;
  }
  if (const ConfigNode* escalation = node.Find("escalation")) {
    if (auto level = reader_.Integer(*escalation, path + ".escalation", 0, kMaxEscalation,
                                     "escalation level")) {
      theater->opening_escalation = static_cast<int>(*level);
    }
  }
  reader_.ReadNumber(node, "value", path, kTheaterValue, &theater->attrs.value);
  reader_.ReadNumber(node, "initial_control", path,
                     {0, 1, false, true, "share of objectives held by the challengers"},
                     &theater->initial_control);
  theater->challengers = ReadParties(node, "challengers", path);
  theater->defenders = ReadParties(node, "defenders", path);
  // An actor on both sides: reported at its entry among the defenders.
  if (const ConfigNode* defenders = node.Find("defenders"); defenders && defenders->IsSequence()) {
    for (const ConfigNode& item : defenders->items) {
      auto it = item.IsScalar() ? actors_.index.find(item.scalar) : actors_.index.end();
      if (it == actors_.index.end()) continue;
      const ActorIndex actor(it->second);
      if (std::binary_search(theater->challengers.begin(), theater->challengers.end(), actor)) {
        reader_.Error(item, fmt::format("{}.defenders: actor '{}' is both a challenger and a "
                                        "defender",
                                        path, item.scalar));
      }
    }
  }
  for (ActorIndex c : theater->challengers) theater->attrs.stakes[c.get()] = -1.0;
  for (ActorIndex d : theater->defenders) theater->attrs.stakes[d.get()] = 1.0;
  if (const ConfigNode* stakes = node.Find("stakes")) {
    ReadStakes(*stakes, path + ".stakes", theater);
  }
}

std::vector<ActorIndex> ScenarioBuilder::ReadParties(const ConfigNode& map, std::string_view key,
                                                     const std::string& path) {
  std::vector<ActorIndex> parties;
  const ConfigNode* node = reader_.Require(map, key, path);
  const std::string list_path = JoinPath(path, key);
  if (node == nullptr || !reader_.ExpectSequence(*node, list_path)) return parties;
  if (node->items.empty()) {
    reader_.Error(*node, fmt::format("{}: at least one actor is required", list_path));
  }
  for (std::size_t i = 0; i < node->items.size(); ++i) {
    const ConfigNode& item = node->items[i];
    const auto index = Resolve(actors_, item, fmt::format("{}.{}", list_path, i));
    if (!index) continue;
    const ActorIndex actor(*index);
    if (std::find(parties.begin(), parties.end(), actor) != parties.end()) {
      reader_.Error(item, fmt::format("{}: actor '{}' is listed twice", list_path, item.scalar));
      continue;
    }
    parties.push_back(actor);
  }
  std::sort(parties.begin(), parties.end());
  return parties;
}

void ScenarioBuilder::ReadStakes(const ConfigNode& node, const std::string& path,
                                 TheaterDef* theater) {
  if (!reader_.ExpectMapOfIds(node, path, "actor")) return;
  std::set<std::string> seen;
  for (const ConfigEntry& entry : node.entries) {
    if (!entry.key.IsScalar() || !IsValidId(entry.key.scalar)) continue;  // reported
    if (!seen.insert(entry.key.scalar).second) continue;                  // reported
    const std::string stake_path = JoinPath(path, entry.key.scalar);
    const auto actor = ResolveText(actors_, entry.key.scalar, entry.key, stake_path);
    const auto stake = reader_.Number(entry.value, stake_path, kStakeRange);
    if (actor && stake) theater->attrs.stakes[*actor] = *stake;
  }
}

// ---------------------------------------------------------------- ties

std::vector<TiePair> ScenarioBuilder::ReadTieEnds(const ConfigNode& map,
                                                  const std::string& path) const {
  const ConfigNode* from = map.Find("from");
  const ConfigNode* to = map.Find("to");
  const ConfigNode* between = map.Find("between");
  if (between != nullptr && (from != nullptr || to != nullptr)) {
    reader_.Error(map, fmt::format("{}: give either from/to or between, not both", path));
    return {};
  }
  if (between != nullptr) {
    const std::string between_path = path + ".between";
    if (!between->IsSequence() || between->items.size() != 2) {
      reader_.Error(*between, fmt::format("{}: expected two actor ids [A, B], {}", between_path,
                                          between->IsSequence()
                                              ? fmt::format("got {}", between->items.size())
                                              : std::string("got ") + KindName(between->kind)));
      return {};
    }
    const auto a = Resolve(actors_, between->items[0], between_path + ".0");
    const auto b = Resolve(actors_, between->items[1], between_path + ".1");
    if (!a || !b) return {};
    if (*a == *b) {
      reader_.Error(*between, fmt::format("{}: a tie between '{}' and itself", between_path,
                                          actors_.ids[*a]));
      return {};
    }
    // Both directions, in sorted order: the file's order of the pair changes nothing.
    return {TiePair{std::min(*a, *b), std::max(*a, *b)},
            TiePair{std::max(*a, *b), std::min(*a, *b)}};
  }
  const ConfigNode* from_node = reader_.Require(map, "from", path);
  const ConfigNode* to_node = reader_.Require(map, "to", path);
  if (from_node == nullptr || to_node == nullptr) return {};
  const auto a = Resolve(actors_, *from_node, path + ".from");
  const auto b = Resolve(actors_, *to_node, path + ".to");
  if (!a || !b) return {};
  if (*a == *b) {
    reader_.Error(*to_node, fmt::format("{}: a tie from '{}' to itself", path, actors_.ids[*a]));
    return {};
  }
  return {TiePair{*a, *b}};
}

bool ScenarioBuilder::ReadTieAttributes(const ConfigNode& map, const std::string& path,
                                        TieAttributes* attrs, std::uint8_t* mask) const {
  bool ok = true;
  for (std::size_t bit = 0; bit < kTieAttributes.size(); ++bit) {
    const TieAttributeSpec& spec = kTieAttributes[bit];
    const ConfigNode* node = map.Find(spec.key);
    if (node == nullptr) continue;
    const auto value = reader_.Number(*node, JoinPath(path, spec.key), kTieRange);
    if (!value) {
      ok = false;
      continue;
    }
    attrs->*spec.member = *value;
    *mask = static_cast<std::uint8_t>(*mask | (1u << bit));
  }
  return ok;
}

void ScenarioBuilder::ReadTies() {
  const ConfigNode* ties = Section("ties");
  if (ties == nullptr || !reader_.ExpectSequence(*ties, "ties")) return;
  std::map<std::pair<std::uint32_t, std::uint32_t>, const ConfigNode*> seen;
  for (std::size_t i = 0; i < ties->items.size(); ++i) {
    const ConfigNode& node = ties->items[i];
    const std::string path = fmt::format("ties.{}", i);
    if (!reader_.ExpectMap(node, path, TieKeys(true))) continue;
    TieAttributes attrs;
    attrs.trust = default_trust_;
    std::uint8_t mask = 0;
    const bool attrs_ok = ReadTieAttributes(node, path, &attrs, &mask);
    for (const TiePair& pair : ReadTieEnds(node, path)) {
      auto [it, inserted] = seen.emplace(std::pair(pair.from, pair.to), &node);
      if (!inserted) {
        reader_.Error(node, fmt::format("{}: duplicate tie {} -> {} (also given at {})", path,
                                        actors_.ids[pair.from], actors_.ids[pair.to],
                                        reader_.Where(*it->second)));
        continue;
      }
      if (attrs_ok)
        scenario_.ties.push_back(TieDef{ActorIndex(pair.from), ActorIndex(pair.to), attrs});
    }
  }
  std::sort(scenario_.ties.begin(), scenario_.ties.end(), [](const TieDef& a, const TieDef& b) {
    return std::pair(a.from, a.to) < std::pair(b.from, b.to);
  });
}

// ---------------------------------------------------------------- injects

void ScenarioBuilder::ReadInjects() {
  const ConfigNode* injects = Section("injects");
  if (injects == nullptr || !reader_.ExpectSequence(*injects, "injects")) return;
  std::vector<PendingInject> pending;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < injects->items.size(); ++i) {
    const ConfigNode& node = injects->items[i];
    std::string path = fmt::format("injects.{}", i);
    if (node.IsMap()) {
      const ConfigNode* id = node.Find("id");
      if (id != nullptr && id->IsScalar() && IsValidId(id->scalar)) path = "injects." + id->scalar;
    }
    if (auto inject = ReadInject(node, path, &ids)) pending.push_back(std::move(*inject));
  }
  CheckConflicts(pending);
  for (PendingInject& inject : pending) {
    if (inject.enabled) scenario_.injects.push_back(std::move(inject.inject));
  }
  std::stable_sort(scenario_.injects.begin(), scenario_.injects.end(),
                   [](const Inject& a, const Inject& b) { return a.turn < b.turn; });
}

std::optional<PendingInject> ScenarioBuilder::ReadInject(const ConfigNode& node,
                                                         const std::string& path,
                                                         std::set<std::string>* ids) {
  if (!reader_.ExpectMap(node, path, {"id", "turn", "enabled", "label", "effects"})) {
    return std::nullopt;
  }
  PendingInject inject;
  bool ok = true;
  if (const ConfigNode* id = node.Find("id")) {
    if (auto text = reader_.Id(*id, path + ".id", "inject")) {
      if (!ids->insert(*text).second) {
        reader_.Error(*id, fmt::format("{}.id: duplicate inject id '{}'", path, *text));
      }
      inject.inject.label = *text;
    }
  }
  reader_.ReadString(node, "label", path, &inject.inject.label);
  reader_.ReadBool(node, "enabled", path, &inject.enabled);
  if (const ConfigNode* turn = reader_.Require(node, "turn", path)) {
    const auto value = ReadTurn(*turn, path + ".turn");
    ok = value.has_value();
    if (value) inject.inject.turn = *value;
  } else {
    ok = false;
  }
  const ConfigNode* effects = reader_.Require(node, "effects", path);
  if (effects == nullptr || !reader_.ExpectSequence(*effects, path + ".effects")) {
    return std::nullopt;
  }
  if (effects->items.empty()) {
    reader_.Error(*effects, fmt::format("{}.effects: at least one effect is required", path));
  }
  for (std::size_t e = 0; e < effects->items.size(); ++e) {
    ReadEffect(effects->items[e], fmt::format("{}.effects.{}", path, e), &inject);
  }
  for (const PlacedEffect& placed : inject.effects) inject.inject.effects.push_back(placed.effect);
  if (!ok) return std::nullopt;
  return inject;
}

void ScenarioBuilder::ReadEffect(const ConfigNode& node, const std::string& path,
                                 PendingInject* inject) {
  static constexpr std::array<std::string_view, 5> kActions = {"set", "open", "close", "tie",
                                                               "cut"};
  if (!reader_.ExpectMap(node, path,
                         {"set", "value", "open", "escalation", "close", "tie", "cut"})) {
    return;
  }
  std::vector<std::string_view> actions;
  for (std::string_view action : kActions) {
    if (node.Find(action) != nullptr) actions.push_back(action);
  }
  if (actions.size() != 1) {
    reader_.Error(node, fmt::format("{}: an effect needs exactly one of set, open, close, tie, "
                                    "cut (got {})",
                                    path, actions.size()));
    return;
  }
  const std::string_view action = actions.front();
  // `value` belongs to set, `escalation` to open.
  for (const ConfigEntry& entry : node.entries) {
    if (!entry.key.IsScalar()) continue;
    const std::string& key = entry.key.scalar;
    if ((key == "value" && action != "set") || (key == "escalation" && action != "open")) {
      reader_.Error(entry.key, fmt::format("{}: key '{}' does not belong to a '{}' effect", path,
                                           key, action));
    }
  }
  if (action == "set") {
    if (auto placed = ReadSetEffect(node, path)) inject->effects.push_back(std::move(*placed));
    return;
  }
  const ConfigNode& target = *node.Find(action);
  const std::string target_path = JoinPath(path, action);
  if (action == "open" || action == "close") {
    const auto theater = Resolve(theaters_, target, target_path);
    PlacedEffect placed;
    placed.node = &node;
    placed.effect.kind = action == "open" ? Effect::Kind::kOpen : Effect::Kind::kClose;
    placed.effect.value = 1.0;
    if (const ConfigNode* escalation = node.Find("escalation"); escalation && action == "open") {
      const auto level =
          reader_.Integer(*escalation, path + ".escalation", 0, kMaxEscalation, "escalation level");
      if (!level) return;
      placed.effect.value = static_cast<double>(*level);
    }
    if (!theater) return;
    placed.effect.entity = *theater;
    placed.target = fmt::format("{} theaters.{}", action, theaters_.ids[*theater]);
    inject->effects.push_back(placed);
    return;
  }
  // tie or cut
  const bool is_tie = action == "tie";
  if (!reader_.ExpectMap(target, target_path, TieKeys(is_tie))) return;
  TieAttributes attrs;
  attrs.trust = default_trust_;
  std::uint8_t mask = 0;
  if (is_tie && !ReadTieAttributes(target, target_path, &attrs, &mask)) return;
  for (const TiePair& pair : ReadTieEnds(target, target_path)) {
    PlacedEffect placed;
    placed.node = &node;
    placed.effect.kind = is_tie ? Effect::Kind::kTie : Effect::Kind::kCut;
    placed.effect.entity = pair.from;
    placed.effect.other = pair.to;
    placed.effect.tie_mask = mask;
    placed.effect.tie = attrs;
    placed.target = fmt::format("tie {} -> {}", actors_.ids[pair.from], actors_.ids[pair.to]);
    inject->effects.push_back(placed);
  }
}

std::optional<PlacedEffect> ScenarioBuilder::ReadSetEffect(const ConfigNode& node,
                                                           const std::string& path) {
  const ConfigNode& target = *node.Find("set");
  const auto text = reader_.String(target, path + ".set");
  if (!text) return std::nullopt;
  const std::vector<std::string> parts = Split(*text, '.');
  reader_.Require(node, "value", path);  // reported here; the readers below skip it if missing
  if (parts.front() == "actors") return ReadSetActor(parts, node, path);
  if (parts.front() == "theaters") return ReadSetTheater(parts, node, path);
  if (parts.front() == "bases") return ReadSetBase(parts, node, path);
  const std::string nearest = NearestCandidate(parts.front(), {"actors", "theaters", "bases"});
  reader_.Error(target,
                fmt::format("{}.set: {} is not a settable field: write actors.ID.FIELD, "
                            "theaters.ID.value, theaters.ID.stakes.ACTOR or "
                            "bases.ID.capacity{}",
                            path, Quote(*text),
                            nearest.empty() ? "" : fmt::format(" (did you mean '{}'?)", nearest)));
  return std::nullopt;
}

std::optional<PlacedEffect> ScenarioBuilder::ReadSetActor(const std::vector<std::string>& parts,
                                                          const ConfigNode& node,
                                                          const std::string& path) {
  const ConfigNode& target = *node.Find("set");
  const std::string set_path = path + ".set";
  if (parts.size() != 3) {
    reader_.Error(target, fmt::format("{}: expected actors.ID.FIELD, got {}", set_path,
                                      Quote(target.scalar)));
    return std::nullopt;
  }
  const auto actor = ResolveText(actors_, parts[1], target, set_path);
  PlacedEffect placed;
  placed.node = &node;
  placed.target = target.scalar;
  placed.effect.kind = Effect::Kind::kSetActor;
  const ConfigNode* value = node.Find("value");
  if (parts[2] == "nuclear") {
    placed.effect.field = static_cast<std::uint8_t>(ActorField::kNuclear);
    if (value == nullptr) return std::nullopt;
    const auto flag = reader_.Bool(*value, path + ".value");
    if (!flag || !actor) return std::nullopt;
    placed.effect.entity = *actor;
    placed.effect.value = *flag ? 1.0 : 0.0;
    return placed;
  }
  for (const ActorAttributeSpec& spec : kActorAttributes) {
    if (parts[2] != spec.key) continue;
    placed.effect.field = static_cast<std::uint8_t>(spec.field);
    if (value == nullptr) return std::nullopt;
    const auto number = reader_.Number(*value, path + ".value", spec.range);
    if (!number || !actor) return std::nullopt;
    placed.effect.entity = *actor;
    placed.effect.value = *number;
    return placed;
  }
  std::vector<std::string> fields = {"nuclear"};
  for (const ActorAttributeSpec& spec : kActorAttributes) fields.emplace_back(spec.key);
  const std::string nearest = NearestCandidate(parts[2], fields);
  reader_.Error(target,
                fmt::format("{}: actors have no settable field {}{}", set_path, Quote(parts[2]),
                            nearest.empty() ? "" : fmt::format(" (did you mean '{}'?)", nearest)));
  return std::nullopt;
}

std::optional<PlacedEffect> ScenarioBuilder::ReadSetTheater(const std::vector<std::string>& parts,
                                                            const ConfigNode& node,
                                                            const std::string& path) {
  const ConfigNode& target = *node.Find("set");
  const std::string set_path = path + ".set";
  const bool is_value = parts.size() == 3 && parts[2] == "value";
  const bool is_stake = parts.size() == 4 && parts[2] == "stakes";
  if (!is_value && !is_stake) {
    const std::string nearest =
        parts.size() >= 3 ? NearestCandidate(parts[2], {"value", "stakes"}) : std::string();
    reader_.Error(target, fmt::format("{}: expected theaters.ID.value or theaters.ID.stakes.ACTOR, "
                                      "got {}{}",
                                      set_path, Quote(target.scalar),
                                      nearest.empty() || nearest == parts[2]
                                          ? ""
                                          : fmt::format(" (did you mean '{}'?)", nearest)));
    return std::nullopt;
  }
  const auto theater = ResolveText(theaters_, parts[1], target, set_path);
  std::optional<std::uint32_t> stake_actor;
  if (is_stake) stake_actor = ResolveText(actors_, parts[3], target, set_path);
  const ConfigNode* value = node.Find("value");
  if (value == nullptr) return std::nullopt;
  const auto number =
      reader_.Number(*value, path + ".value", is_value ? kTheaterValue : kStakeRange);
  if (!number || !theater || (is_stake && !stake_actor)) return std::nullopt;
  PlacedEffect placed;
  placed.node = &node;
  placed.target = target.scalar;
  placed.effect.kind = Effect::Kind::kSetTheater;
  placed.effect.entity = *theater;
  placed.effect.field =
      static_cast<std::uint8_t>(is_value ? TheaterField::kValue : TheaterField::kStake);
  placed.effect.other = is_stake ? *stake_actor : 0;
  placed.effect.value = *number;
  return placed;
}

std::optional<PlacedEffect> ScenarioBuilder::ReadSetBase(const std::vector<std::string>& parts,
                                                         const ConfigNode& node,
                                                         const std::string& path) {
  const ConfigNode& target = *node.Find("set");
  const std::string set_path = path + ".set";
  if (parts.size() != 3 || parts[2] != "capacity") {
    reader_.Error(target, fmt::format("{}: expected bases.ID.capacity, got {}", set_path,
                                      Quote(target.scalar)));
    return std::nullopt;
  }
  const auto base = ResolveText(bases_, parts[1], target, set_path);
  const ConfigNode* value = node.Find("value");
  if (value == nullptr) return std::nullopt;
  const auto number = reader_.Number(*value, path + ".value", kCapacity);
  if (!number || !base) return std::nullopt;
  PlacedEffect placed;
  placed.node = &node;
  placed.target = target.scalar;
  placed.effect.kind = Effect::Kind::kSetBase;
  placed.effect.entity = *base;
  placed.effect.field = static_cast<std::uint8_t>(BaseField::kCapacity);
  placed.effect.value = *number;
  return placed;
}

// Two enabled effects on one turn that change the same thing contradict each
// other: which one wins would depend on the order of the file.
void ScenarioBuilder::CheckConflicts(const std::vector<PendingInject>& injects) const {
  // (turn, what, entity, other, field); what: 0-2 set by Effect::Kind, 3 theater
  // status (open/close), 4 tie attribute (field = bit), 5 tie existence.
  using Key = std::tuple<Turn, int, std::uint32_t, std::uint32_t, int>;
  std::map<Key, const PlacedEffect*> changed;
  auto claim = [&](const Key& key, const PlacedEffect& placed) {
    auto [it, inserted] = changed.emplace(key, &placed);
    if (inserted) return true;
    reader_.Error(*placed.node,
                  fmt::format("conflicting injects at turn {}: {} is also changed "
                              "at {}",
                              std::get<0>(key), placed.target, reader_.Where(*it->second->node)));
    return false;
  };
  for (const PendingInject& inject : injects) {
    if (!inject.enabled) continue;
    const Turn turn = inject.inject.turn;
    for (const PlacedEffect& placed : inject.effects) {
      const Effect& e = placed.effect;
      switch (e.kind) {
        case Effect::Kind::kSetActor:
        case Effect::Kind::kSetTheater:
        case Effect::Kind::kSetBase:
          claim(Key{turn, static_cast<int>(e.kind), e.entity, e.other, e.field}, placed);
          break;
        case Effect::Kind::kOpen:
        case Effect::Kind::kClose:
          claim(Key{turn, 3, e.entity, 0, 0}, placed);
          break;
        case Effect::Kind::kTie: {
          // A tie and a cut of the same pair conflict; so do two ties giving one attribute.
          const Key existence{turn, 5, e.entity, e.other, 0};
          if (auto it = changed.find(existence);
              it != changed.end() && it->second->effect.kind == Effect::Kind::kCut) {
            claim(existence, placed);
            break;
          }
          changed.emplace(existence, &placed);
          for (int bit = 0; bit < static_cast<int>(kTieAttributes.size()); ++bit) {
            if (e.tie_mask & (1u << bit)) claim(Key{turn, 4, e.entity, e.other, bit}, placed);
          }
          break;
        }
        case Effect::Kind::kCut:
          claim(Key{turn, 5, e.entity, e.other, 0}, placed);
          break;
      }
    }
  }
}

}  // namespace

std::optional<Scenario> BuildScenario(const ConfigNode& root, const std::string& file,
                                      const ModelRegistry& registry, Diagnostics* diagnostics,
                                      std::vector<NodeRead>* reads) {
  return ScenarioBuilder(root, file, registry, diagnostics, reads).Build();
}

}  // namespace overstretch
