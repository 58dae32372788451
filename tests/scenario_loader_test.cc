// Tests of the scenario loader: one test per class of error (exact position
// and a message naming the key), a full valid scenario with its typed values,
// file-order independence and robustness against hostile input.
#include "engine/scenario_loader.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "engine/choice.h"
#include "engine/diagnostics.h"
#include "engine/model_registry.h"
#include "tests/loader_test_support.h"
#include "tests/test_support.h"

namespace overstretch {
namespace {

using loader_testing::Dump;
using loader_testing::ExpectError;
using loader_testing::ExpectErrorAnywhere;
using loader_testing::FakeRegistry;
using loader_testing::Load;
using loader_testing::LoaderData;
using loader_testing::Text;

// A minimal valid scenario; tests append to it or replace lines in it.
constexpr const char* kMinimal = R"(scenario:
  name: minimal
actors:
  US:
    home: [38.9, -77.0]
  JPN:
    home: [35.7, 139.7]
theaters:
  KOR:
    location: [37.9, 126.7]
    challengers: [US]
    defenders: [JPN]
)";

TEST(DiagnosticTest, FormatsWithAndWithoutPosition) {
  EXPECT_EQ(FormatDiagnostic({"a.yaml", 3, 7, "bad"}), "a.yaml:3:7: error: bad");
  EXPECT_EQ(FormatDiagnostic({"--set run.turns=x", 0, 0, "bad"}), "--set run.turns=x: error: bad");
}

TEST(DiagnosticTest, SortsByFileLineColumnKeepingReportOrder) {
  Diagnostics d;
  d.Error("b.yaml", 1, 1, "b");
  d.Error("a.yaml", 5, 2, "second");
  d.Error("a.yaml", 5, 1, "first");
  d.Error("a.yaml", 5, 2, "third");
  const auto sorted = d.Sorted();
  ASSERT_EQ(sorted.size(), 4u);
  EXPECT_EQ(sorted[0].message, "first");
  EXPECT_EQ(sorted[1].message, "second");
  EXPECT_EQ(sorted[2].message, "third");
  EXPECT_EQ(sorted[3].message, "b");
}

TEST(DiagnosticTest, EditDistanceAndNearestCandidate) {
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
  EXPECT_EQ(NearestCandidate("fgo", {"fog", "turns", "seed"}), "fog");
  EXPECT_EQ(NearestCandidate("global_comitments", {"forces", "global_commitments"}),
            "global_commitments");
  EXPECT_EQ(NearestCandidate("zzzzzz", {"fog", "turns"}), "");
}

TEST(ScenarioLoaderTest, MinimalScenarioLoadsWithDefaults) {
  const LoadResult r = Load(kMinimal);
  ASSERT_TRUE(r.scenario) << Text(r);
  const Scenario& s = *r.scenario;
  EXPECT_EQ(s.name, "minimal");
  EXPECT_EQ(s.run.turns, 24);
  EXPECT_DOUBLE_EQ(s.run.fog, 0.4);
  ASSERT_EQ(s.actors.size(), 2u);
  EXPECT_EQ(s.actors[0].id, "JPN");  // sorted by id
  EXPECT_EQ(s.actors[0].name, "JPN");
  EXPECT_EQ(s.actors[0].model, "doctrine");
  EXPECT_DOUBLE_EQ(s.actors[0].attrs.readiness, 0.8);
  EXPECT_FALSE(s.has_patron);
  ASSERT_EQ(s.theaters.size(), 1u);
  EXPECT_EQ(s.theaters[0].opens, 1);
  EXPECT_EQ(s.theaters[0].opening_escalation, 1);
}

TEST(ScenarioLoaderTest, FullScenarioHasTypedValues) {
  const LoadResult r = LoadScenarioFile(LoaderData("full.yaml"), {}, FakeRegistry());
  ASSERT_TRUE(r.scenario) << Text(r);
  const Scenario& s = *r.scenario;
  EXPECT_EQ(s.name, "loader_full");
  EXPECT_EQ(s.source_file, LoaderData("full.yaml"));
  EXPECT_EQ(s.run.turns, 12);
  EXPECT_DOUBLE_EQ(s.run.decisiveness, 1.5);
  EXPECT_EQ(s.run.seed, 42u);
  EXPECT_FALSE(s.run.end_at_zero);
  EXPECT_TRUE(s.run.mobilisation.enabled);
  EXPECT_DOUBLE_EQ(s.run.control_rate[2], 0.005);

  // Actors sorted by id whatever the file order: DPRK, JPN, ROK, US.
  ASSERT_EQ(s.actors.size(), 4u);
  EXPECT_EQ(s.actors[0].id, "DPRK");
  EXPECT_EQ(s.actors[1].id, "JPN");
  EXPECT_EQ(s.actors[2].id, "ROK");
  EXPECT_EQ(s.actors[3].id, "US");
  ASSERT_TRUE(s.has_patron);
  EXPECT_EQ(s.patron, ActorIndex(3));
  const ActorDef& us = s.actors[3];
  EXPECT_EQ(us.name, "United States");
  EXPECT_DOUBLE_EQ(us.attrs.forces, 877);
  EXPECT_DOUBLE_EQ(us.attrs.global_commitments, 0.6);
  EXPECT_DOUBLE_EQ(us.attrs.home.lat_deg, 38.9072);
  EXPECT_TRUE(us.attrs.nuclear);
  EXPECT_DOUBLE_EQ(us.doctrine.cost, 0.4);        // per-actor override
  EXPECT_DOUBLE_EQ(us.doctrine.rationality, 10);  // scenario default
  EXPECT_DOUBLE_EQ(s.actors[2].doctrine.cost, 0.5);
  EXPECT_EQ(s.actors[2].doctrine.deploy_levels, (std::vector<double>{0.25, 0.5, 1.0}));
  // Model parameters by name, defaults filled in.
  EXPECT_EQ(s.actors[1].model, "twoparam");
  EXPECT_EQ(s.actors[1].model_params, (ModelParams{{"alpha", 0.5}, {"beta", 4.0}}));
  // Script sorted by turn.
  const ActorDef& dprk = s.actors[0];
  ASSERT_EQ(dprk.script.size(), 2u);
  EXPECT_EQ(dprk.script[0].turn, 1);
  EXPECT_EQ(dprk.script[0].posture, static_cast<std::uint8_t>(Posture::kSupport));
  EXPECT_EQ(dprk.script[1].turn, 2);
  EXPECT_EQ(dprk.script[1].posture, static_cast<std::uint8_t>(Posture::kDeploy));
  EXPECT_DOUBLE_EQ(dprk.script[1].share, 0.5);
  EXPECT_EQ(dprk.script[1].move, 1);
  EXPECT_EQ(dprk.script[1].theater, TheaterIndex(0));  // KOR

  ASSERT_EQ(s.bases.size(), 1u);
  EXPECT_EQ(s.bases[0].host, ActorIndex(3));
  EXPECT_DOUBLE_EQ(s.bases[0].capacity, 30);

  // Theaters sorted: KOR, SEA. Stakes default to +1 / -1 / 0.
  ASSERT_EQ(s.theaters.size(), 2u);
  const TheaterDef& kor = s.theaters[0];
  EXPECT_EQ(kor.id, "KOR");
  EXPECT_EQ(kor.challengers, (std::vector<ActorIndex>{ActorIndex(0)}));
  EXPECT_EQ(kor.defenders, (std::vector<ActorIndex>{ActorIndex(2)}));
  EXPECT_EQ(kor.attrs.stakes, (std::vector<double>{-1.0, 0.0, 1.0, 0.8}));
  EXPECT_DOUBLE_EQ(kor.attrs.value, 2);
  const TheaterDef& sea = s.theaters[1];
  EXPECT_EQ(sea.name, "SEA");
  EXPECT_EQ(sea.opens, 3);
  EXPECT_EQ(sea.opening_escalation, 2);
  EXPECT_DOUBLE_EQ(sea.initial_control, 0.1);

  // Ties sorted by (from, to); the between entry expands to both directions;
  // trust defaults to run.trust.initial.
  ASSERT_EQ(s.ties.size(), 4u);
  EXPECT_EQ(s.ties[0].from, ActorIndex(0));  // DPRK -> ROK
  EXPECT_EQ(s.ties[0].to, ActorIndex(2));
  EXPECT_DOUBLE_EQ(s.ties[0].attrs.hostility, 0.9);
  EXPECT_DOUBLE_EQ(s.ties[0].attrs.trust, 0.7);
  EXPECT_EQ(s.ties[1].from, ActorIndex(2));  // ROK -> US
  EXPECT_EQ(s.ties[1].to, ActorIndex(3));
  EXPECT_DOUBLE_EQ(s.ties[1].attrs.commitment, 0.8);
  EXPECT_EQ(s.ties[2].from, ActorIndex(3));  // US -> JPN
  EXPECT_EQ(s.ties[2].to, ActorIndex(1));
  EXPECT_DOUBLE_EQ(s.ties[2].attrs.trust, 0.9);
  EXPECT_EQ(s.ties[3].from, ActorIndex(3));  // US -> ROK
  EXPECT_EQ(s.ties[3].to, ActorIndex(2));
  EXPECT_DOUBLE_EQ(s.ties[3].attrs.commitment, 0.8);

  // Injects sorted by turn; the disabled one dropped; effects resolved.
  ASSERT_EQ(s.injects.size(), 2u);
  const Inject& early = s.injects[0];
  EXPECT_EQ(early.turn, 2);
  EXPECT_EQ(early.label, "early");
  ASSERT_EQ(early.effects.size(), 4u);
  EXPECT_EQ(early.effects[0].kind, Effect::Kind::kSetBase);
  EXPECT_DOUBLE_EQ(early.effects[0].value, 10);
  EXPECT_EQ(early.effects[1].kind, Effect::Kind::kOpen);
  EXPECT_EQ(early.effects[1].entity, 1u);  // SEA
  EXPECT_DOUBLE_EQ(early.effects[1].value, 3);
  EXPECT_EQ(early.effects[2].kind, Effect::Kind::kCut);
  EXPECT_EQ(early.effects[2].entity, 0u);
  EXPECT_EQ(early.effects[2].other, 2u);
  EXPECT_EQ(early.effects[3].kind, Effect::Kind::kSetActor);
  EXPECT_EQ(early.effects[3].field, static_cast<std::uint8_t>(ActorField::kNuclear));
  EXPECT_DOUBLE_EQ(early.effects[3].value, 1.0);
  const Inject& late = s.injects[1];
  EXPECT_EQ(late.turn, 6);
  EXPECT_EQ(late.label, "Late inject");
  ASSERT_EQ(late.effects.size(), 4u);
  EXPECT_EQ(late.effects[0].kind, Effect::Kind::kSetActor);
  EXPECT_EQ(late.effects[0].entity, 3u);
  EXPECT_EQ(late.effects[0].field, static_cast<std::uint8_t>(ActorField::kGlobalCommitments));
  EXPECT_DOUBLE_EQ(late.effects[0].value, 0.8);
  EXPECT_EQ(late.effects[1].kind, Effect::Kind::kSetTheater);
  EXPECT_EQ(late.effects[1].field, static_cast<std::uint8_t>(TheaterField::kStake));
  EXPECT_EQ(late.effects[1].entity, 0u);
  EXPECT_EQ(late.effects[1].other, 1u);  // JPN
  for (int k = 2; k < 4; ++k) {
    EXPECT_EQ(late.effects[k].kind, Effect::Kind::kTie);
    EXPECT_EQ(late.effects[k].tie_mask, 1u << 2);  // intel
    EXPECT_DOUBLE_EQ(late.effects[k].tie.intel, 0.3);
    EXPECT_DOUBLE_EQ(late.effects[k].tie.trust, 0.7);  // the default for the others
  }
  EXPECT_EQ(late.effects[2].entity, 1u);  // JPN -> ROK first
  EXPECT_EQ(late.effects[2].other, 2u);
  EXPECT_EQ(late.effects[3].entity, 2u);
  EXPECT_EQ(late.effects[3].other, 1u);
}

TEST(ScenarioLoaderTest, FileOrderDoesNotChangeTheScenario) {
  const LoadResult a = LoadScenarioFile(LoaderData("full.yaml"), {}, FakeRegistry());
  const LoadResult b = LoadScenarioFile(LoaderData("full_reordered.yaml"), {}, FakeRegistry());
  ASSERT_TRUE(a.scenario) << Text(a);
  ASSERT_TRUE(b.scenario) << Text(b);
  EXPECT_EQ(Dump(*a.scenario), Dump(*b.scenario));
}

TEST(ScenarioLoaderTest, RepositoryScenariosLoad) {
  // The repository's scenarios use the country models, so this needs the
  // real registry (tests/conformance_test.cc also runs them).
  for (const char* relative :
       {"scenarios/sparse_us.yaml", "scenarios/korea_only.yaml", "tests/data/eight_actors.yaml"}) {
    const std::string path = std::string(OVERSTRETCH_SOURCE_DIR) + "/" + relative;
    ASSERT_TRUE(std::filesystem::exists(path)) << path;
    const LoadResult r = LoadScenarioFile(path, {}, testing::BuiltinRegistry());
    EXPECT_TRUE(r.scenario) << relative << ":\n" << Text(r);
  }
}

TEST(ScenarioLoaderTest, DocumentedExampleLoads) {
  // The last ```yaml block of docs/scenario-format.md is a complete scenario.
  std::ifstream in(std::string(OVERSTRETCH_SOURCE_DIR) + "/docs/scenario-format.md");
  ASSERT_TRUE(in);
  const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::size_t start = doc.rfind("```yaml\n");
  ASSERT_NE(start, std::string::npos);
  const std::size_t end = doc.find("```", start + 8);
  const LoadResult r = Load(doc.substr(start + 8, end - start - 8));
  ASSERT_TRUE(r.scenario) << Text(r);
  EXPECT_EQ(r.scenario->actors.size(), 4u);
  EXPECT_EQ(r.scenario->theaters.size(), 2u);
  EXPECT_EQ(r.scenario->ties.size(), 7u);
  EXPECT_EQ(r.scenario->injects.size(), 1u);
  EXPECT_EQ(r.scenario->injects[0].effects.size(), 3u);
}

// ---------------------------------------------------------------- error classes

TEST(ScenarioLoaderTest, SyntaxErrorHasPosition) {
  const LoadResult r = Load("scenario:\n  name: x\nactors: [US, JPN\n");
  EXPECT_FALSE(r.scenario);
  ASSERT_EQ(r.diagnostics.size(), 1u) << Text(r);
  EXPECT_EQ(r.diagnostics[0].file, "test.yaml");
  EXPECT_GE(r.diagnostics[0].line, 3);
  EXPECT_NE(r.diagnostics[0].message.find("YAML syntax error"), std::string::npos);
}

TEST(ScenarioLoaderTest, UnknownKeySuggestsNearest) {
  const LoadResult r = Load(std::string(kMinimal) + "run:\n  turns: 5\n  fgo: 0.3\n");
  ExpectError(r, 15, 3, "unknown key 'fgo' in run (did you mean 'fog'?)");
}

TEST(ScenarioLoaderTest, UnknownTopLevelKeySuggestsNearest) {
  const LoadResult r = Load(std::string(kMinimal) + "theatres: {}\n");
  ExpectError(r, 13, 1, "unknown key 'theatres' in the top level (did you mean 'theaters'?)");
}

TEST(ScenarioLoaderTest, WrongTypeSequence) {
  const LoadResult r = Load(std::string(kMinimal) + "run:\n  turns: [1, 2]\n");
  ExpectError(r, 14, 10, "run.turns: expected an integer, got a sequence");
}

TEST(ScenarioLoaderTest, WrongTypeString) {
  const LoadResult r = Load(std::string(kMinimal) + "run:\n  fog: abc\n");
  ExpectError(r, 14, 8, "run.fog: expected a number, got 'abc'");
}

TEST(ScenarioLoaderTest, WrongTypeBool) {
  const LoadResult r = Load(std::string(kMinimal) + "run:\n  end: {at_zero: maybe}\n");
  ExpectError(r, 14, 18, "run.end.at_zero: expected true or false, got 'maybe'");
}

TEST(ScenarioLoaderTest, OutOfRangeSaysRangeAndUnits) {
  const LoadResult r = Load(std::string(kMinimal) + "run:\n  days_per_turn: 4000\n");
  ExpectError(r, 14, 18, "run.days_per_turn = 4000 is out of range: expected (0, 3650] (days)");
}

TEST(ScenarioLoaderTest, OutOfRangeActorAttribute) {
  std::string text = kMinimal;
  text.replace(text.find("    home: [38.9, -77.0]"), 0, "    global_commitments: 1\n");
  const LoadResult r = Load(text);
  ExpectError(r, 5, 25, "actors.US.global_commitments = 1 is out of range: expected [0, 1)");
}

TEST(ScenarioLoaderTest, NanAndInfinityAreRejected) {
  const LoadResult r = Load(std::string(kMinimal) + "run:\n  fog: .nan\n  decisiveness: -.inf\n");
  ExpectError(r, 14, 8, "run.fog: '.nan' is not a finite number");
  ExpectError(r, 15, 17, "run.decisiveness: '-.inf' is not a finite number");
}

TEST(ScenarioLoaderTest, HugeNumberIsNotFinite) {
  const LoadResult r = Load(std::string(kMinimal) + "run:\n  fog: 1e400\n");
  ExpectError(r, 14, 8, "run.fog: '1e400' is not a finite number");
}

TEST(ScenarioLoaderTest, UndefinedActorSuggestsNearestId) {
  std::string text = kMinimal;
  text.replace(text.find("defenders: [JPN]"), 16, "defenders: [JPX]");
  const LoadResult r = Load(text);
  ExpectError(r, 12, 17, "theaters.KOR.defenders.0: no actor 'JPX' (did you mean 'JPN'?)");
}

TEST(ScenarioLoaderTest, UndefinedTheaterInInject) {
  const LoadResult r =
      Load(std::string(kMinimal) + "injects:\n  - turn: 2\n    effects:\n      - {close: KRO}\n");
  ExpectError(r, 16, 17, "injects.0.effects.0.close: no theater 'KRO' (did you mean 'KOR'?)");
}

TEST(ScenarioLoaderTest, UndefinedBaseInSetEffect) {
  const LoadResult r = Load(std::string(kMinimal) +
                            "bases:\n  GUAM: {location: [13.6, 144.9], host: US}\n"
                            "injects:\n  - turn: 2\n    effects:\n"
                            "      - {set: bases.GAUM.capacity, value: 3}\n");
  ExpectError(r, 18, 15, "no base 'GAUM' (did you mean 'GUAM'?)");
}

TEST(ScenarioLoaderTest, DuplicateActorIdReportsBothPositions) {
  std::string text = kMinimal;
  text.replace(text.find("  JPN:"), 0, "  US:\n    home: [1, 2]\n");
  const LoadResult r = Load(text);
  ExpectError(r, 6, 3, "duplicate actor id 'US' in actors (first given at line 4, column 3)");
}

TEST(ScenarioLoaderTest, DuplicateKeyReportsBothPositions) {
  const LoadResult r = Load(std::string(kMinimal) + "run:\n  turns: 5\n  turns: 6\n");
  ExpectError(r, 15, 3, "duplicate key 'turns' in run (first given at line 14, column 3)");
}

TEST(ScenarioLoaderTest, DuplicateTieNamesBothPositions) {
  const LoadResult r = Load(std::string(kMinimal) +
                            "ties:\n  - {from: US, to: JPN, commitment: 1}\n"
                            "  - {between: [JPN, US], trust: 0.5}\n");
  ExpectError(r, 15, 5, "ties.1: duplicate tie US -> JPN (also given at line 14, column 5)");
}

TEST(ScenarioLoaderTest, InvalidIdIsRejected) {
  std::string text = kMinimal;
  text.replace(text.find("  JPN:"), 6, "  9JPN:");
  const LoadResult r = Load(text);
  ExpectError(r, 6, 3, "'9JPN' is not a valid actor id");
}

TEST(ScenarioLoaderTest, InjectTurnOutsideRun) {
  const LoadResult r =
      Load(std::string(kMinimal) +
           "run: {turns: 10}\ninjects:\n  - turn: 11\n    effects: [{close: KOR}]\n");
  ExpectError(r, 15, 11, "injects.0.turn = 11 is out of range: expected [1, 10]");
}

TEST(ScenarioLoaderTest, TheaterOpeningAfterLastTurn) {
  std::string text = kMinimal;
  text.replace(text.find("    challengers"), 0, "    opens: 30\n");
  const LoadResult r = Load(text + "run: {turns: 24}\n");
  ExpectError(r, 11, 12, "theaters.KOR.opens = 30 is out of range: expected [1, 24]");
}

TEST(ScenarioLoaderTest, MissingRequiredKeyPointsAtEnclosingMap) {
  std::string text = kMinimal;
  text.replace(text.find("    home: [35.7, 139.7]\n"), 24, "    forces: 3\n");
  const LoadResult r = Load(text);
  ExpectError(r, 7, 5, "missing required key 'home' in actors.JPN");
}

TEST(ScenarioLoaderTest, MissingScenarioName) {
  const LoadResult r = Load("scenario:\n  description: x\nactors:\n  US: {home: [0, 0]}\n");
  ExpectError(r, 2, 3, "missing required key 'name' in scenario");
}

TEST(ScenarioLoaderTest, EscalationTableRules) {
  const LoadResult r = Load(std::string(kMinimal) +
                            "run:\n"
                            "  control_rate: [0, 0, 0.005, 0.05, 0.10, 0.2]\n"
                            "  escalation_cost: [0, 0.04, 0.16, 0.36, 0.64, 0.64]\n"
                            "  intensity: [0, 0, 0.1]\n");
  ExpectError(r, 14, 43, "run.control_rate must not increase from level 4 to 5");
  ExpectError(r, 15, 48, "run.escalation_cost must jump at level 5");
  ExpectError(r, 16, 14, "run.intensity: expected 6 numbers, one per escalation level 0..5, got 3");
}

TEST(ScenarioLoaderTest, PatronMustBeAnActor) {
  std::string text = kMinimal;
  text.replace(text.find("  name: minimal\n"), 16, "  name: minimal\n  patron: UZ\n");
  const LoadResult r = Load(text);
  ExpectError(r, 3, 11, "scenario.patron: no actor 'UZ' (did you mean 'US'?)");
}

TEST(ScenarioLoaderTest, UnknownModelSuggestsNearest) {
  std::string text = kMinimal;
  text.replace(text.find("    home: [38.9, -77.0]"), 0, "    model: doctrin\n");
  const LoadResult r = Load(text);
  ExpectError(r, 5, 12, "actors.US.model: no actor model 'doctrin' (did you mean 'doctrine'?)");
}

TEST(ScenarioLoaderTest, ModelParamsAreChecked) {
  std::string text = kMinimal;
  text.replace(text.find("    home: [38.9, -77.0]"), 0,
               "    model: twoparam\n    params: {alpah: 0.1, beta: 11}\n");
  const LoadResult r = Load(text);
  ExpectError(r, 6, 14, "unknown key 'alpah' in actors.US.params (did you mean 'alpha'?)");
  ExpectError(r, 6, 32, "actors.US.params.beta = 11 is out of range: expected [1, 10] (turns)");
}

TEST(ScenarioLoaderTest, ScriptOnlyForScriptedModel) {
  std::string text = kMinimal;
  text.replace(text.find("    home: [38.9, -77.0]"), 0,
               "    script: [{turn: 1, theater: KOR, posture: support}]\n");
  const LoadResult r = Load(text);
  ExpectError(r, 5, 5, "actors.US.script is only allowed with model 'scripted'");
}

TEST(ScenarioLoaderTest, ScriptStepsAreChecked) {
  std::string text = kMinimal;
  text.replace(text.find("    home: [38.9, -77.0]"), 0,
               "    model: scripted\n"
               "    script:\n"
               "      - {turn: 1, theater: KOR, posture: deploy, share: 0}\n"
               "      - {turn: 2, theater: KOR, posture: attack}\n"
               "      - {turn: 3, theater: KOR, posture: support, move: up}\n"
               "      - {turn: 4, theater: KOR, posture: support}\n"
               "      - {turn: 4, theater: KOR, posture: abstain}\n");
  const LoadResult r = Load(text);
  ExpectError(r, 7, 57, "actors.US.script.0.share: must be > 0 for posture deploy");
  ExpectError(r, 8, 42, "expected abstain, support or deploy, got 'attack'");
  ExpectError(r, 9, 57, "expected escalate, hold or de-escalate, got 'up'");
  ExpectError(r, 11, 9, "a second step for turn 4 in theater 'KOR'");
}

TEST(ScenarioLoaderTest, ActorOnBothSides) {
  std::string text = kMinimal;
  text.replace(text.find("defenders: [JPN]"), 16, "defenders: [JPN, US]");
  const LoadResult r = Load(text);
  ExpectError(r, 12, 22, "actor 'US' is both a challenger and a defender");
}

TEST(ScenarioLoaderTest, ConflictingInjects) {
  const LoadResult r = Load(std::string(kMinimal) +
                            "injects:\n"
                            "  - turn: 2\n"
                            "    effects: [{set: actors.US.forces, value: 3}]\n"
                            "  - turn: 2\n"
                            "    effects: [{set: actors.US.forces, value: 4}]\n"
                            "  - turn: 3\n"
                            "    effects: [{set: actors.US.forces, value: 4}]\n");
  ExpectError(r, 17, 15,
              "conflicting injects at turn 2: actors.US.forces is also changed at "
              "line 15, column 15");
  EXPECT_EQ(r.diagnostics.size(), 1u) << Text(r);
}

TEST(ScenarioLoaderTest, DisabledInjectsDoNotConflict) {
  const LoadResult r = Load(std::string(kMinimal) +
                            "injects:\n"
                            "  - turn: 2\n"
                            "    effects: [{tie: {from: US, to: JPN, trust: 0.1}}]\n"
                            "  - turn: 2\n"
                            "    enabled: false\n"
                            "    effects: [{cut: {between: [US, JPN]}}]\n");
  ASSERT_TRUE(r.scenario) << Text(r);
  EXPECT_EQ(r.scenario->injects.size(), 1u);
}

TEST(ScenarioLoaderTest, MobilisationStepIsChecked) {
  const LoadResult r =
      Load(std::string(kMinimal) +
           "run:\n  mobilisation: {enabled: true, step: 50, reaction: 0.02, fatigue: 0.05}\n");
  ExpectError(r, 14, 39, "run.mobilisation.step = 50 turns is unstable");
  ExpectError(r, 14, 39, "the largest stable step is 40 turns");
}

TEST(ScenarioLoaderTest, SeveralErrorsAreAllReported) {
  const LoadResult r = LoadScenarioFile(LoaderData("many_errors.yaml"), {}, FakeRegistry());
  EXPECT_FALSE(r.scenario);
  ExpectError(r, 6, 3, "unknown key 'fgo' in run (did you mean 'fog'?)");
  ExpectError(r, 7, 17, "run.decisiveness = -1 is out of range");
  ExpectError(r, 12, 16, "actors.US.readiness = 1.5 is out of range");
  ExpectError(r, 14, 13, "actors.JPN.forces: expected a number, got 'abc'");
  ExpectError(r, 19, 19, "no actor 'DPRKK'");
  ExpectError(r, 22, 11, "injects.0.turn = 13 is out of range");
  EXPECT_EQ(r.diagnostics.size(), 6u) << Text(r);
  // Sorted by position.
  for (std::size_t i = 1; i < r.diagnostics.size(); ++i) {
    EXPECT_LE(r.diagnostics[i - 1].line, r.diagnostics[i].line);
  }
  EXPECT_EQ(r.diagnostics[0].file, LoaderData("many_errors.yaml"));
}

// ---------------------------------------------------------------- robustness

TEST(ScenarioLoaderTest, EmptyFile) {
  for (const char* text : {"", "   \n\n", "# only a comment\n"}) {
    const LoadResult r = Load(text);
    EXPECT_FALSE(r.scenario);
    ASSERT_EQ(r.diagnostics.size(), 1u) << Text(r);
    EXPECT_NE(r.diagnostics[0].message.find("empty"), std::string::npos) << Text(r);
  }
}

TEST(ScenarioLoaderTest, TopLevelScalarOrList) {
  ExpectError(Load("just a string\n"), 1, 1, "the top level: expected a map, got 'just a string'");
  ExpectError(Load("- a\n- b\n"), 1, 1, "the top level: expected a map, got a sequence");
}

TEST(ScenarioLoaderTest, BinaryGarbage) {
  std::string garbage = "scenario:\n  name: x";
  garbage += '\0';
  garbage += "\x01\xff\xfe junk";
  ExpectError(Load(garbage), 2, 10, "binary data");
  ExpectError(Load("name: \xff\xfe\xfd\n"), 1, 7, "invalid UTF-8");
}

TEST(ScenarioLoaderTest, DeepNestingIsRejectedBeforeParsing) {
  const int depth = 100000;
  const std::string flow = std::string(depth, '[') + std::string(depth, ']');
  const LoadResult a = Load("scenario: " + flow + "\n");
  // The 63rd '[' (column 73) plus the block level of the line passes 64.
  ExpectError(a, 1, 73, "nesting deeper than 64 levels");
  // Block nesting: a sequence of sequences written with "- - - ...".
  std::string block;
  for (int i = 0; i < 5000; ++i) block += "- ";
  block += "x\n";
  ExpectError(Load(block), 1, 1, "nesting deeper than 64 levels");
  // Indentation nesting.
  std::string indented;
  for (int i = 0; i < 200; ++i) indented += std::string(i, ' ') + "k:\n";
  ExpectError(Load(indented), 33, 33, "nesting deeper than 64 levels");
}

TEST(ScenarioLoaderTest, ModerateNestingInQuotesAndBlockScalarsIsFine) {
  // Brackets in strings and block scalars are not structure.
  std::string text = kMinimal;
  text.replace(text.find("  name: minimal\n"), 16,
               "  name: '" + std::string(100, '[') + "'\n  description: |\n    " +
                   std::string(100, '{') + "\n    don't\n");
  const LoadResult r = Load(text);
  ASSERT_TRUE(r.scenario) << Text(r);
  EXPECT_EQ(r.scenario->name, std::string(100, '['));
}

TEST(ScenarioLoaderTest, AliasBombIsRejectedQuickly) {
  std::string bomb =
      "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n";
  for (char c = 'b'; c <= 'j'; ++c) {
    bomb += fmt::format("{}: &{} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n", c, c,
                        fmt::arg("p", static_cast<char>(c - 1)));
  }
  bomb += "scenario: *j\n";
  const auto start = std::chrono::steady_clock::now();
  const LoadResult r = Load(bomb);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_FALSE(r.scenario);
  ExpectError(r, 1, 4, "anchors (&a) are not supported");
  ExpectError(r, 2, 8, "aliases (*a) are not supported");
  EXPECT_LT(elapsed, std::chrono::seconds(2));
}

TEST(ScenarioLoaderTest, TooManyActorsAreRefused) {
  std::string text = "scenario: {name: big}\nactors:\n";
  for (int i = 0; i < 2001; ++i) text += fmt::format("  A{}: {{home: [0, 0]}}\n", i);
  const LoadResult r = Load(text);
  ExpectError(r, 3, 3, "actors: 2001 actors, the limit is 2000");
  EXPECT_EQ(r.diagnostics.size(), 1u);
}

TEST(ScenarioLoaderTest, TooManyValuesAreRefused) {
  std::string text = "scenario: [";
  for (int i = 0; i < 600000; ++i) text += "1,";
  text += "1]\n";
  const LoadResult r = Load(text);
  ASSERT_EQ(r.diagnostics.size(), 1u) << Text(r);
  EXPECT_NE(r.diagnostics[0].message.find("too many values"), std::string::npos);
}

TEST(ScenarioLoaderTest, OversizedFileIsRejected) {
  const std::string path =
      (std::filesystem::temp_directory_path() / "overstretch_loader_big.yaml").string();
  {
    std::ofstream out(path, std::ios::binary);
    const std::string line = "# " + std::string(1022, 'x') + "\n";
    for (int i = 0; i < 8 * 1024 + 1; ++i) out << line;
  }
  const LoadResult r = LoadScenarioFile(path, {}, FakeRegistry());
  std::filesystem::remove(path);
  ASSERT_EQ(r.diagnostics.size(), 1u) << Text(r);
  EXPECT_NE(r.diagnostics[0].message.find("file too large"), std::string::npos);
  EXPECT_EQ(r.diagnostics[0].line, 0);
}

TEST(ScenarioLoaderTest, MissingFileIsReported) {
  const LoadResult r = LoadScenarioFile("/nonexistent/overstretch.yaml", {}, FakeRegistry());
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_NE(r.diagnostics[0].message.find("cannot open"), std::string::npos);
}

TEST(ScenarioLoaderTest, VeryLongStringsAreShortenedInMessages) {
  // (YAML itself limits keys to 1024 characters: a long value, then.)
  const std::string long_value(1 << 20, 'k');
  const LoadResult r = Load(std::string(kMinimal) + "run:\n  fog: " + long_value + "\n");
  ASSERT_EQ(r.diagnostics.size(), 1u) << Text(r).substr(0, 500);
  EXPECT_LT(r.diagnostics[0].message.size(), 300u);
  EXPECT_NE(r.diagnostics[0].message.find("(1048576 characters)"), std::string::npos)
      << Text(r).substr(0, 300);
}

TEST(ScenarioLoaderTest, MultipleDocumentsAreRejected) {
  ExpectErrorAnywhere(Load(std::string(kMinimal) + "---\nscenario: {name: b}\n"),
                      "more than one YAML document");
}

TEST(ScenarioLoaderTest, SourceBuildsManyTimesAndConcurrently) {
  const ScenarioSource source = ScenarioSource::FromFile(LoaderData("full.yaml"));
  ASSERT_TRUE(source.parse_diagnostics().empty());
  const std::string first = Dump(*source.Build({}, FakeRegistry()).scenario);
  std::vector<std::string> dumps(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < dumps.size(); ++i) {
    threads.emplace_back([&, i] {
      const LoadResult r = source.Build({}, FakeRegistry());
      if (r.scenario) dumps[i] = Dump(*r.scenario);
    });
  }
  for (std::thread& t : threads) t.join();
  for (const std::string& dump : dumps) EXPECT_EQ(dump, first);
}

}  // namespace
}  // namespace overstretch
