// The results of a sweep in one SQLite file (schema in docs/studies.md): the
// study, its parameters and design points, one row per run, optionally the
// theaters turn by turn. SQLite stays behind this header. A ResultsStore is
// used by one thread at a time: the sweep's writer thread, or a reader.
//
// Durability: WAL journal with synchronous=FULL, so a committed transaction
// survives a crash of the program (Ctrl-C, kill -9) and of the machine; the
// runs of an uncommitted transaction are missing and `--resume` reruns them.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tools/studies/design.h"
#include "tools/studies/study.h"

namespace overstretch::cli {

// The row of table `study`.
struct StudyRecord {
  std::string name;
  std::string description;
  std::string file;           // the study file as given to `sweep`
  std::string text;           // its content
  std::string scenario;       // the base scenario's path (resolved)
  std::string scenario_text;  // its content
  std::string design;         // DesignName
  std::uint64_t seed = 0;
  std::int64_t samples = 0;
  std::int64_t levels = 0;
  std::int64_t replications = 0;
  std::int64_t points = 0;
  bool theater_turns = false;
  std::vector<std::string> metrics;  // kept metrics, in order
  std::string created;               // ISO 8601, UTC
  std::string version;               // program version that created the file
};

StudyRecord MakeStudyRecord(const Study& study);

struct TheaterTurnRow {
  int turn = 0;
  std::string theater;
  std::string status;
  int escalation = 0;
  double control = 0.0;
  double phi_challengers = 0.0;
  double phi_defenders = 0.0;
  double losses_challengers = 0.0;
  double losses_defenders = 0.0;
};

// One row of table `runs` (and its rows of `theater_turns`).
struct RunRecord {
  std::int64_t point = 0;
  std::int64_t replication = 0;
  std::uint64_t seed = 0;
  bool ok = true;
  std::string error;                                             // when !ok
  std::array<std::optional<double>, kRunMetricCount> metrics{};  // by RunMetrics(); null = NULL
  std::int64_t elapsed_us = 0;  // wall time of the run (a timing column: not deterministic)
  std::vector<TheaterTurnRow> theater_turns;
};

// Why Create or Open failed: the file named cannot be used as asked (it
// exists, is not a results file, another sweep is writing it), or writing
// it failed (a full disk, no permission).
enum class StoreFailure { kBadInput, kWrite };

class ResultsStore {
 public:
  ~ResultsStore();
  ResultsStore(const ResultsStore&) = delete;
  ResultsStore& operator=(const ResultsStore&) = delete;

  // Creates a new results file with the schema, the study, its parameters
  // and every design point, in one transaction. Fails if `path` exists; a
  // file it cannot finish (a write error) is removed again.
  static std::unique_ptr<ResultsStore> Create(const std::string& path, const Study& study,
                                              const UnitDesign& design, std::string* error,
                                              StoreFailure* failure = nullptr);
  // Opens an existing results file (read-only unless `writable`) and checks,
  // by reading only, that it is one before it changes anything.
  //
  // A writable store (Create, or Open with `writable`) holds an exclusive
  // advisory lock on the file until it is destroyed: a second writer is
  // refused (kBadInput) instead of colliding with the first one's runs.
  static std::unique_ptr<ResultsStore> Open(const std::string& path, bool writable,
                                            std::string* error, StoreFailure* failure = nullptr);

  const std::string& path() const { return path_; }

  bool ReadStudy(StudyRecord* study, std::string* error);
  // The parameters, with the study's rules for their values (ValueAt).
  bool ReadParameters(std::vector<StudyParameter>* parameters, std::string* error);
  // The unit coordinates of every design point (in point order).
  bool ReadDesign(std::size_t dims, UnitDesign* design, std::string* error);
  // Calls `done(point, replication)` for every run stored.
  bool ForEachDone(const std::function<void(std::int64_t, std::int64_t)>& done, std::string* error);
  // Every run in (point, replication) order, without theater turns. Fails on
  // a run outside the study's design or a metric that is not a number.
  bool ForEachRun(const std::function<void(const RunRecord&)>& run, std::string* error);
  std::int64_t CountRuns(std::string* error);

  // Writing (the writer thread): runs go in between Begin and Commit. Insert
  // stores a run with its theater turns whole or, on failure, not at all
  // (the runs inserted before it in the transaction stay).
  bool Begin(std::string* error);
  bool Insert(const RunRecord& run, std::string* error);
  bool Commit(std::string* error);

 private:
  struct Impl;
  static std::unique_ptr<ResultsStore> CreateFile(const std::string& path, const Study& study,
                                                  const UnitDesign& design, std::string* error,
                                                  bool* created);
  bool InsertRows(const RunRecord& run, std::string* error);
  bool StudySize(std::int64_t* points, std::int64_t* replications, std::string* error);
  explicit ResultsStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  std::string path_;
};

// What analyze and discover need besides the runs.
struct StudyResults {
  StudyRecord study;
  std::vector<StudyParameter> parameters;
  UnitDesign design;               // unit coordinates, points × parameters
  std::vector<double> numbers;     // parameter values as numbers (ParameterValue::number)
  std::vector<std::string> texts;  // parameter values as given to --set

  std::size_t points() const { return design.points(); }
};
bool ReadStudyResults(ResultsStore& store, StudyResults* results, std::string* error);

}  // namespace overstretch::cli
