// Helpers for the loader and override tests: a registry of fake models (only
// names and parameter specs matter to the loader), loading from text, checking
// a diagnostic's exact position, and a text dump of a Scenario for comparing
// two of them field by field.
#pragma once

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/diagnostics.h"
#include "engine/model_registry.h"
#include "engine/scenario.h"
#include "engine/scenario_loader.h"

namespace overstretch::loader_testing {

inline ModelInfo FakeModel(std::string name, std::vector<ParamSpec> params = {}) {
  ModelInfo info;
  info.name = std::move(name);
  info.summary = "fake model for the loader tests";
  info.params = std::move(params);
  info.make = [](const Scenario&, ActorIndex) { return std::unique_ptr<ActorModel>(); };
  return info;
}

// "doctrine" and "scripted" (which takes a script) without parameters, and "twoparam" with
// alpha (default 0.5, in [0, 1]) and beta (default 3, in [1, 10] turns).
inline const ModelRegistry& FakeRegistry() {
  static const ModelRegistry registry = [] {
    ModelRegistry r;
    r.Register(FakeModel("doctrine"));
    ModelInfo scripted = FakeModel("scripted");
    scripted.takes_script = true;
    r.Register(std::move(scripted));
    r.Register(FakeModel("twoparam", {ParamSpec{"alpha", 0.5, 0.0, 1.0, "1", "first"},
                                      ParamSpec{"beta", 3.0, 1.0, 10.0, "turns", "second"}}));
    return r;
  }();
  return registry;
}

inline std::string LoaderData(const std::string& name) {
  return std::string(OVERSTRETCH_TEST_DATA) + "/loader/" + name;
}

inline LoadResult Load(const std::string& text, const std::vector<Override>& overrides = {}) {
  return ScenarioSource::FromText(text, "test.yaml").Build(overrides, FakeRegistry());
}

inline std::string Text(const LoadResult& r) {
  std::string text;
  for (const Diagnostic& d : r.diagnostics) text += FormatDiagnostic(d) + "\n";
  return text;
}

// Expects a diagnostic at exactly (line, column) whose message contains `part`.
inline void ExpectError(const LoadResult& r, int line, int column, const std::string& part) {
  EXPECT_FALSE(r.scenario.has_value());
  for (const Diagnostic& d : r.diagnostics) {
    if (d.line == line && d.column == column && d.message.find(part) != std::string::npos) {
      return;
    }
  }
  ADD_FAILURE() << "no diagnostic at " << line << ":" << column << " containing \"" << part
                << "\"; got:\n"
                << Text(r);
}

// Expects a diagnostic, wherever it is, whose message contains `part`.
inline void ExpectErrorAnywhere(const LoadResult& r, const std::string& part) {
  EXPECT_FALSE(r.scenario.has_value());
  for (const Diagnostic& d : r.diagnostics) {
    if (d.message.find(part) != std::string::npos) return;
  }
  ADD_FAILURE() << "no diagnostic containing \"" << part << "\"; got:\n" << Text(r);
}

// Expects a diagnostic from the override `origin` ("--set PATH=VALUE").
inline void ExpectOverrideError(const LoadResult& r, const std::string& origin,
                                const std::string& part) {
  EXPECT_FALSE(r.scenario.has_value());
  for (const Diagnostic& d : r.diagnostics) {
    if (d.file == origin && d.line == 0 && d.column == 0 &&
        d.message.find(part) != std::string::npos) {
      return;
    }
  }
  ADD_FAILURE() << "no diagnostic from \"" << origin << "\" containing \"" << part << "\"; got:\n"
                << Text(r);
}

inline std::string Dump(const TieAttributes& t) {
  return fmt::format("m={} a={} n={} tau={} h={}", t.commitment, t.access, t.intel, t.trust,
                     t.hostility);
}

inline std::string Dump(const ModelParams& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    out += fmt::format("{}{}={}", out.empty() ? "" : ",", name, value);
  }
  return out;
}

inline std::string Dump(const Doctrine& d) {
  return fmt::format(
      "sec={} res={} cred={} cost={} sup={} esc={} nuc={} sanc={} war={} hor={} "
      "help={} inert={} lambda={} argmax={} join={} zeta={} levels=[{}]",
      d.security, d.resolve, d.credibility, d.cost, d.support_cost, d.escalation, d.nuclear,
      d.sanctions, d.war_cost, d.horizon, d.help, d.inertia, d.rationality, d.argmax,
      d.join_threshold, d.offensive_pull, fmt::join(d.deploy_levels, ","));
}

// Every field of a Scenario except source_file, one line per entity.
inline std::string Dump(const Scenario& s) {
  std::string out = fmt::format("name={} desc={} patron={}/{}\n", s.name, s.description,
                                s.has_patron, s.patron.value);
  const RunSettings& r = s.run;
  out += fmt::format(
      "run turns={} days={} fog={} beta={} int=[{}] cr=[{}] ec=[{}] gain={} loss={} rep={} "
      "amin={} margin={} zero={} stretch={} seed={} mob={}/{}/{}/{}\n",
      r.turns, r.days_per_turn, r.fog, r.decisiveness, fmt::join(r.intensity, ","),
      fmt::join(r.control_rate, ","), fmt::join(r.escalation_cost, ","), r.trust_gain, r.trust_loss,
      r.reputation, r.abandon_min, r.end_margin, r.end_at_zero, r.stretch_target, r.seed,
      r.mobilisation.enabled, r.mobilisation.step, r.mobilisation.reaction, r.mobilisation.fatigue);
  for (const ActorDef& a : s.actors) {
    const ActorAttributes& t = a.attrs;
    out += fmt::format(
        "actor {} {} {} F={} g={} r={} rho={} R={} k={} gamma={} isr={} griev={} "
        "nuc={} home={},{} params=[{}] doctrine: {}\n",
        a.id, a.name, a.model, t.forces, t.global_commitments, t.home_reserve, t.readiness,
        t.reach_km, t.lethality, t.regeneration, t.isr, t.grievance, t.nuclear, t.home.lat_deg,
        t.home.lon_deg, Dump(a.model_params), Dump(a.doctrine));
    for (const ScriptStep& step : a.script) {
      out += fmt::format("  step t={} k={} p={} f={} m={}\n", step.turn, step.theater.value,
                         step.posture, step.share, step.move);
    }
  }
  for (const BaseDef& b : s.bases) {
    out += fmt::format("base {} {} {},{} host={} cap={}\n", b.id, b.name, b.location.lat_deg,
                       b.location.lon_deg, b.host.value, b.capacity);
  }
  for (const TieDef& t : s.ties) {
    out += fmt::format("tie {}->{} {}\n", t.from.value, t.to.value, Dump(t.attrs));
  }
  for (const TheaterDef& k : s.theaters) {
    std::vector<std::uint32_t> c;
    std::vector<std::uint32_t> d;
    for (ActorIndex a : k.challengers) c.push_back(a.value);
    for (ActorIndex a : k.defenders) d.push_back(a.value);
    out += fmt::format("theater {} {} {},{} opens={} e0={} c0={} C=[{}] D=[{}] V={} s=[{}]\n", k.id,
                       k.name, k.location.lat_deg, k.location.lon_deg, k.opens,
                       k.opening_escalation, k.initial_control, fmt::join(c, ","),
                       fmt::join(d, ","), k.attrs.value, fmt::join(k.attrs.stakes, ","));
  }
  for (const Inject& inject : s.injects) {
    out += fmt::format("inject t={} {}\n", inject.turn, inject.label);
    for (const Effect& e : inject.effects) {
      out +=
          fmt::format("  effect kind={} e={} o={} f={} v={} mask={} {}\n", static_cast<int>(e.kind),
                      e.entity, e.other, e.field, e.value, e.tie_mask, Dump(e.tie));
    }
  }
  return out;
}

}  // namespace overstretch::loader_testing
