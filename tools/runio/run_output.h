// The files `overstretch run` writes (docs/outputs.md): a Recorder that
// streams theaters.csv, actors.csv, network.csv, turns.csv and events.jsonl
// while the run goes and summary.json at its end, and a staging directory so
// that a run directory is either complete or absent, never half-written.
#pragma once

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/metrics.h"
#include "engine/recorder.h"
#include "engine/scenario.h"
#include "tools/runio/csv.h"
#include "tools/runio/json_writer.h"

namespace overstretch::cli {

// The files of a run directory, in the order the docs list them.
inline constexpr const char* kRunFiles[] = {"theaters.csv", "actors.csv",   "network.csv",
                                            "turns.csv",    "events.jsonl", "summary.json"};

// Writes every file of a run into `dir` (which must exist). Entity ids, never
// indices; numbers in shortest round-trip form, so equal runs give equal bytes.
// Write errors are collected, not thrown: check Close().
class RunOutputRecorder final : public Recorder {
 public:
  RunOutputRecorder(const Scenario& scenario, std::filesystem::path dir);
  RunOutputRecorder(const RunOutputRecorder&) = delete;
  RunOutputRecorder& operator=(const RunOutputRecorder&) = delete;

  // Opens the files and writes the CSV headers. False with *error if it cannot.
  bool Open(std::string* error);
  // Flushes and closes every file; false with *error on any write error, or
  // when the run never ended (no OnEnd).
  bool Close(std::string* error);

  // Turn each theater opened, by theater index (0: never).
  const std::vector<Turn>& opened_at() const { return opened_at_; }

  bool wants_network() const override { return true; }
  bool wants_decisions() const override { return true; }
  void OnStart(const WorldState& initial) override;
  void OnInject(Turn turn, const Inject& inject) override;
  void OnTheaterOpened(Turn turn, TheaterIndex theater, int escalation) override;
  void OnDecision(const DecisionRecord& record) override;
  void OnAdjudication(const AdjudicationRecord& record) override;
  void OnAbandonment(const AbandonmentRecord& record) override;
  void OnNuclearThreshold(const NuclearRecord& record) override;
  void OnTurn(const TurnRecord& record) override;
  void OnEnd(const RunSummary& summary) override;

  // Appends one more event (a JSON object with a "type") to events.jsonl, in
  // order with the engine's events: played games log the facilitator's
  // actions and the players' decisions this way (tools/play_session.h).
  void WriteExtraEvent(const nlohmann::ordered_json& event);

 private:
  const std::string& ActorId(ActorIndex i) const;
  const std::string& TheaterId(TheaterIndex k) const;
  const std::string& BaseId(std::uint32_t b) const;
  // An event line: BeginEvent opens its object with its "type", EndEvent
  // closes it, ends the line and flushes a full buffer.
  JsonWriter BeginEvent(const char* type);
  void EndEvent(JsonWriter& w);
  void EndLine();

  const Scenario& scenario_;
  std::filesystem::path dir_;
  CsvWriter theaters_;
  CsvWriter actors_;
  CsvWriter network_;
  CsvWriter turns_;
  std::ofstream events_;
  std::string events_buffer_;
  std::string summary_text_;
  bool ended_ = false;
  std::vector<Turn> opened_at_;
};

// A run directory built under a temporary sibling (DIR.partial-PID) and
// moved into place by Commit(). Destroying it uncommitted removes the
// temporary directory, so a failed or interrupted run leaves nothing behind.
class StagedDirectory {
 public:
  explicit StagedDirectory(std::filesystem::path target);
  ~StagedDirectory();
  StagedDirectory(const StagedDirectory&) = delete;
  StagedDirectory& operator=(const StagedDirectory&) = delete;

  // Checks that `target` may be written (absent, or a directory holding
  // nothing but run files: any other directory is refused rather than
  // deleted), then creates the parent directories and the staging directory.
  // On refusal sets *bad_input (exit 2); on a system error leaves it false.
  bool Begin(std::string* error, bool* bad_input);
  const std::filesystem::path& staging() const { return staging_; }
  const std::filesystem::path& target() const { return target_; }
  // Moves the staging directory to the target, replacing an old run there.
  bool Commit(std::string* error);

 private:
  std::filesystem::path target_;
  std::filesystem::path staging_;
  bool begun_ = false;
  bool committed_ = false;
};

}  // namespace overstretch::cli
