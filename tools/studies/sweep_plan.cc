#include "tools/studies/sweep_plan.h"

#include <fmt/format.h>

#include <cctype>
#include <filesystem>

#include "tools/runio/csv.h"
#include "tools/runio/file_util.h"

namespace overstretch::cli {
namespace {

// Marks the runs `store` holds in plan->done; false on a run outside the design.
bool MarkDone(const Study& study, const std::string& out, SweepPlan* plan, std::string* error) {
  plan->done.assign(static_cast<std::size_t>(study.runs()), false);
  bool bad = false;
  const bool read = plan->store->ForEachDone(
      [&](std::int64_t point, std::int64_t rep) {
        if (point < 0 || rep < 0 || static_cast<std::uint64_t>(point) >= study.points() ||
            static_cast<std::uint64_t>(rep) >= study.replications) {
          bad = true;
          return;
        }
        const std::size_t i =
            static_cast<std::size_t>(point) * study.replications + static_cast<std::size_t>(rep);
        if (!plan->done[i]) ++plan->already;
        plan->done[i] = true;
      },
      error);
  if (read && !bad) return true;
  *error = fmt::format("{}: {}", out, bad ? "holds runs outside the study's design" : *error);
  return false;
}

}  // namespace

std::string DefaultResultsPath(const Study& study) {
  std::string out;
  for (unsigned char c : study.name) {
    out.push_back(std::isalnum(c) || c == '-' || c == '_' || c == '.' ? static_cast<char>(c) : '_');
    if (out.size() >= 64) break;
  }
  if (out.empty() || out[0] == '.') out.insert(0, "study");
  return out + ".sqlite";
}

std::optional<SweepPlan> PlanSweep(const Study& study, const UnitDesign& design,
                                   const std::string& out, bool resume, std::string* error,
                                   StoreFailure* failure) {
  StoreFailure ignored_failure;
  if (failure == nullptr) failure = &ignored_failure;
  SweepPlan plan;
  std::error_code ec;
  if (!resume || !std::filesystem::exists(out, ec)) {
    plan.store = ResultsStore::Create(out, study, design, error, failure);
    if (!plan.store) return std::nullopt;
    return plan;
  }
  plan.store = ResultsStore::Open(out, true, error, failure);
  if (!plan.store) return std::nullopt;
  *failure = StoreFailure::kBadInput;  // what follows only reads
  StudyRecord stored;
  if (!plan.store->ReadStudy(&stored, error)) return std::nullopt;
  if (stored.text != study.text || stored.scenario_text != study.scenario_text) {
    *error = fmt::format(
        "{}: cannot resume: the {} changed since this sweep started (a resumed sweep must run "
        "the same study); use another --out for the new study",
        out, stored.text != study.text ? "study file" : "base scenario");
    return std::nullopt;
  }
  if (!MarkDone(study, out, &plan, error)) return std::nullopt;
  return plan;
}

bool WriteDesignCsv(const Study& study, const UnitDesign& design, const std::string& path,
                    std::string* error) {
  std::string text = "point";
  for (const StudyParameter& p : study.parameters) {
    text.push_back(',');
    AppendCsvField(text, p.path);
  }
  text.push_back('\n');
  for (std::size_t point = 0; point < design.points(); ++point) {
    text += std::to_string(point);
    for (std::size_t i = 0; i < study.parameters.size(); ++i) {
      const StudyParameter& p = study.parameters[i];
      const ParameterValue v = ValueAt(p, design.at(point, i));
      text.push_back(',');
      if (IsNumericValue(p, v.text)) {
        text += FormatNumber(v.number);
      } else {
        AppendCsvField(text, v.text);
      }
    }
    text.push_back('\n');
  }
  // Whole or not at all: a full disk leaves no partial CSV.
  return WriteFileAtomically(path, text, error);
}

}  // namespace overstretch::cli
