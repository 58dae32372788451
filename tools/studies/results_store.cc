// SQLite behind ResultsStore. Every statement is prepared once; values are
// always bound, never formatted into SQL, except column names, which come
// from parameter paths and are quoted as identifiers.
#include "tools/studies/results_store.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "engine/version.h"
#include "tools/runio/csv.h"
#include "tools/studies/commit_kill_hook.h"

namespace overstretch::cli {
namespace {

constexpr int kSchemaVersion = 1;

// "name" with inner quotes doubled: a safe SQL identifier for any text.
std::string QuoteIdentifier(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string NowUtc() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

const char* kParameterKinds[] = {"range", "values"};

// The declared type of a metric's column: bools are stored as 0/1.
const char* SqlType(MetricType type) { return type == MetricType::kReal ? "REAL" : "INTEGER"; }

class Statement {
 public:
  Statement() = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }
  void Finalize() {
    sqlite3_finalize(stmt_);
    stmt_ = nullptr;
  }

  bool Prepare(sqlite3* db, const std::string& sql, std::string* error) {
    sqlite3_finalize(stmt_);
    stmt_ = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) {
      *error = fmt::format("SQLite: {}", sqlite3_errmsg(db));
      return false;
    }
    return true;
  }
  sqlite3_stmt* get() const { return stmt_; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

// An advisory flock(2) on the results file, held by the one connection that
// writes it, so that a second sweep on the same file is refused before it
// runs anything. flock locks are separate from SQLite's fcntl locks on Linux.
// Closing any descriptor of a file drops the process's fcntl locks on it, so
// the descriptor is closed only after the SQLite connection (it is the first
// member of Impl, destroyed last).
class WriterLock {
 public:
  WriterLock() = default;
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;
  ~WriterLock() {
    if (fd_ >= 0) ::close(fd_);
  }

  // False with *error when the file is locked by another writer (*busy set)
  // or cannot be opened.
  bool Acquire(const std::string& path, std::string* error, bool* busy) {
    *busy = false;
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
      *error = fmt::format("cannot open {}: {}", path, std::strerror(errno));
      return false;
    }
    if (::flock(fd_, LOCK_EX | LOCK_NB) == 0) return true;
    *busy = errno == EWOULDBLOCK;
    *error = *busy ? fmt::format(
                         "{} is being written by another sweep: let it finish (or stop it), "
                         "then --resume",
                         path)
                   : fmt::format("cannot lock {}: {}", path, std::strerror(errno));
    return false;
  }

 private:
  int fd_ = -1;
};

}  // namespace

struct ResultsStore::Impl {
  WriterLock lock;  // first: released after the connection is closed
  sqlite3* db = nullptr;
  Statement insert_run;
  Statement insert_turn;

  bool writable = false;

  // sqlite3_close_v2 defers the close until the statements (members,
  // finalized after this body) are gone. A writer leaves the file in
  // rollback-journal mode: WAL protects a sweep while it runs, but a
  // finished file should be one self-contained file, and read-only readers
  // (analyze, discover) cannot remove the -wal and -shm files WAL needs.
  // If another connection is still open the pragma fails and WAL stays on,
  // which loses nothing.
  ~Impl() {
    if (db == nullptr) return;
    if (writable) {
      insert_run.Finalize();
      insert_turn.Finalize();
      sqlite3_exec(db, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
    }
    sqlite3_close_v2(db);
  }

  // SQLite's message, with the system's reason behind an I/O error ("disk
  // I/O error (No space left on device)").
  std::string Reason(const char* message) const {
    if (db == nullptr) return "out of memory";
    const int system = sqlite3_system_errno(db);
    const int code = sqlite3_errcode(db);
    if (system != 0 && (code == SQLITE_IOERR || code == SQLITE_FULL || code == SQLITE_CANTOPEN)) {
      return fmt::format("{} ({})", message, std::strerror(system));
    }
    return message;
  }

  bool Fail(std::string* error, const std::string& what) const {
    *error = fmt::format("{}: {}", what, Reason(db ? sqlite3_errmsg(db) : ""));
    return false;
  }

  bool Exec(const std::string& sql, std::string* error) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      *error = fmt::format("SQLite: {}", Reason(message ? message : sqlite3_errmsg(db)));
      sqlite3_free(message);
      return false;
    }
    return true;
  }

  bool Configure(std::string* error) {
    sqlite3_busy_timeout(db, 5000);
    return Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;", error);
  }

  // The metric columns of `runs` are those of RunMetrics(), by name and type:
  // a file written by a version with other metrics is refused, not misread.
  bool CheckMetricColumns(const std::string& path, std::string* error) {
    Statement info;
    if (!info.Prepare(db, "SELECT name, type FROM pragma_table_info('runs') WHERE cid >= 5",
                      error)) {
      return false;
    }
    std::vector<std::string> found;
    std::vector<std::string> expected;
    for (const RunMetric& m : RunMetrics()) {
      expected.push_back(fmt::format("{} {}", m.name, SqlType(m.type)));
    }
    expected.emplace_back("elapsed_us INTEGER");
    while (sqlite3_step(info.get()) == SQLITE_ROW) {
      const unsigned char* name = sqlite3_column_text(info.get(), 0);
      const unsigned char* type = sqlite3_column_text(info.get(), 1);
      found.push_back(fmt::format("{} {}", name ? reinterpret_cast<const char*>(name) : "",
                                  type ? reinterpret_cast<const char*>(type) : ""));
    }
    if (found == expected) return true;
    std::size_t k = 0;
    while (k < found.size() && k < expected.size() && found[k] == expected[k]) ++k;
    *error = fmt::format(
        "{}: written by a version of overstretch with other run metrics (table runs has "
        "column '{}' where this version expects '{}'): analyse it with the version that "
        "wrote it, or rerun the sweep",
        path, k < found.size() ? found[k] : "none", k < expected.size() ? expected[k] : "none");
    return false;
  }

  bool PrepareWriters(std::string* error) {
    std::string columns = "point, replication, seed, status, error";
    std::string marks = "?, ?, ?, ?, ?";
    for (const RunMetric& m : RunMetrics()) {
      columns += fmt::format(", {}", m.name);
      marks += ", ?";
    }
    columns += ", elapsed_us";
    marks += ", ?";
    return insert_run.Prepare(db, fmt::format("INSERT INTO runs ({}) VALUES ({})", columns, marks),
                              error) &&
           insert_turn.Prepare(db,
                               "INSERT INTO theater_turns (point, replication, turn, theater, "
                               "status, escalation, control, phi_challengers, phi_defenders, "
                               "losses_challengers, losses_defenders) VALUES "
                               "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               error);
  }
};

ResultsStore::ResultsStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ResultsStore::~ResultsStore() = default;

StudyRecord MakeStudyRecord(const Study& study) {
  StudyRecord r;
  r.name = study.name;
  r.description = study.description;
  r.file = study.file;
  r.text = study.text;
  r.scenario = study.scenario_path;
  r.scenario_text = study.scenario_text;
  r.design = DesignName(study.design);
  r.seed = study.seed;
  r.samples = static_cast<std::int64_t>(study.samples);
  r.levels = study.levels;
  r.replications = static_cast<std::int64_t>(study.replications);
  r.points = static_cast<std::int64_t>(study.points());
  r.theater_turns = study.theater_turns;
  r.metrics = study.metrics;
  r.created = NowUtc();
  r.version = kVersion;
  return r;
}

namespace {

// Removes a results file that Create could not finish, with SQLite's side
// files, so that no empty or partial file is left that neither a new sweep
// nor --resume would accept.
void RemoveResultsFile(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::remove(path + suffix, ec);
  }
}

}  // namespace

std::unique_ptr<ResultsStore> ResultsStore::Create(const std::string& path, const Study& study,
                                                   const UnitDesign& design, std::string* error,
                                                   StoreFailure* failure) {
  StoreFailure ignored_failure;
  if (failure == nullptr) failure = &ignored_failure;
  *failure = StoreFailure::kBadInput;
  std::error_code ec;
  if (std::filesystem::exists(path, ec) || std::filesystem::is_symlink(path, ec)) {
    *error = fmt::format("{} exists: use --resume to complete it, or choose another --out", path);
    return nullptr;
  }
  *failure = StoreFailure::kWrite;
  // The file is built under a staging name and linked into place only when
  // complete (link(2) never replaces an existing file): a sweep killed while
  // creating it leaves at most PATH.creating-XXXXXX, never a half-made PATH
  // that neither a new sweep nor --resume would accept.
  std::string staging = path + ".creating-XXXXXX";
  const int fd = ::mkstemp(staging.data());
  if (fd < 0) {
    *error = fmt::format("cannot create {}: {}", path, std::strerror(errno));
    return nullptr;
  }
  ::close(fd);
  bool created = true;
  {
    std::unique_ptr<ResultsStore> store = CreateFile(staging, study, design, error, &created);
    if (!store) {
      RemoveResultsFile(staging);
      if (!error->starts_with("cannot ")) {
        *error = fmt::format("cannot create {}: {}", path, *error);
      }
      return nullptr;
    }
  }  // closed: SQLite checkpoints the WAL into the file and removes it
  if (std::filesystem::exists(staging + "-wal", ec)) {
    RemoveResultsFile(staging);
    *error = fmt::format("cannot create {}: its journal could not be written back", path);
    return nullptr;
  }
  // A file system without hard links: rename, after the check above.
  const bool linked =
      ::link(staging.c_str(), path.c_str()) == 0 ||
      ((errno == EPERM || errno == EOPNOTSUPP) && ::rename(staging.c_str(), path.c_str()) == 0);
  if (!linked) {
    const int why = errno;
    RemoveResultsFile(staging);
    if (why == EEXIST) *failure = StoreFailure::kBadInput;
    *error = why == EEXIST ? fmt::format(
                                 "{} exists: use --resume to complete it, or choose "
                                 "another --out",
                                 path)
                           : fmt::format("cannot create {}: {}", path, std::strerror(why));
    return nullptr;
  }
  RemoveResultsFile(staging);
  return Open(path, true, error, failure);
}

std::unique_ptr<ResultsStore> ResultsStore::CreateFile(const std::string& path, const Study& study,
                                                       const UnitDesign& design, std::string* error,
                                                       bool* created) {
  auto impl = std::make_unique<Impl>();
  const int opened =
      sqlite3_open_v2(path.c_str(), &impl->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  std::error_code ec;
  *created = std::filesystem::exists(path, ec);
  if (opened != SQLITE_OK) {
    impl->Fail(error, fmt::format("cannot create {}", path));
    return nullptr;
  }
  bool busy = false;
  if (!impl->lock.Acquire(path, error, &busy)) {
    *created = *created && !busy;  // another sweep has it: not ours to remove
    return nullptr;
  }
  if (!impl->Configure(error)) return nullptr;
  impl->writable = true;

  std::string runs =
      "CREATE TABLE runs (point INTEGER NOT NULL REFERENCES design_points(point), "
      "replication INTEGER NOT NULL, seed INTEGER NOT NULL, "
      "status TEXT NOT NULL CHECK (status IN ('ok', 'failed')), error TEXT";
  for (const RunMetric& m : RunMetrics()) runs += fmt::format(", {} {}", m.name, SqlType(m.type));
  runs += ", elapsed_us INTEGER, PRIMARY KEY (point, replication))";
  std::string points = "CREATE TABLE design_points (point INTEGER PRIMARY KEY";
  for (std::size_t i = 0; i < study.parameters.size(); ++i) {
    points += fmt::format(", {}", QuoteIdentifier(study.parameters[i].path));
  }
  for (std::size_t i = 0; i < study.parameters.size(); ++i) points += fmt::format(", _u{} REAL", i);
  points += ")";
  const std::string schema = fmt::format(
      "BEGIN;"
      "CREATE TABLE study (schema_version INTEGER NOT NULL, name TEXT, description TEXT, "
      "study_file TEXT, study_text TEXT, base_scenario TEXT, base_scenario_text TEXT, "
      "design TEXT, base_seed TEXT, samples INTEGER, levels INTEGER, replications INTEGER, "
      "points INTEGER, theater_turns INTEGER, metrics TEXT, created TEXT, program_version TEXT);"
      "CREATE TABLE parameters (idx INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
      "kind TEXT NOT NULL, lo REAL, hi REAL, integer INTEGER, levels INTEGER, \"values\" TEXT);"
      "{};{};"
      "CREATE TABLE theater_turns (point INTEGER NOT NULL, replication INTEGER NOT NULL, "
      "turn INTEGER NOT NULL, theater TEXT NOT NULL, status TEXT, escalation INTEGER, "
      "control REAL, phi_challengers REAL, phi_defenders REAL, losses_challengers REAL, "
      "losses_defenders REAL, PRIMARY KEY (point, replication, turn, theater));",
      points, runs);
  if (!impl->Exec(schema, error)) return nullptr;

  const StudyRecord record = MakeStudyRecord(study);
  {
    Statement s;
    if (!s.Prepare(impl->db,
                   "INSERT INTO study VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   error)) {
      return nullptr;
    }
    sqlite3_stmt* st = s.get();
    const std::string seed = std::to_string(record.seed);
    const std::string metrics = nlohmann::json(record.metrics).dump();
    int c = 0;
    sqlite3_bind_int(st, ++c, kSchemaVersion);
    for (const std::string* text :
         {&record.name, &record.description, &record.file, &record.text, &record.scenario,
          &record.scenario_text, &record.design, &seed}) {
      sqlite3_bind_text(st, ++c, text->data(), static_cast<int>(text->size()), SQLITE_TRANSIENT);
    }
    sqlite3_bind_int64(st, ++c, record.samples);
    sqlite3_bind_int64(st, ++c, record.levels);
    sqlite3_bind_int64(st, ++c, record.replications);
    sqlite3_bind_int64(st, ++c, record.points);
    sqlite3_bind_int(st, ++c, record.theater_turns ? 1 : 0);
    for (const std::string* text : {&metrics, &record.created, &record.version}) {
      sqlite3_bind_text(st, ++c, text->data(), static_cast<int>(text->size()), SQLITE_TRANSIENT);
    }
    if (sqlite3_step(st) != SQLITE_DONE) {
      impl->Fail(error, "writing the study");
      return nullptr;
    }
  }
  {
    Statement s;
    if (!s.Prepare(impl->db, "INSERT INTO parameters VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error)) {
      return nullptr;
    }
    for (std::size_t i = 0; i < study.parameters.size(); ++i) {
      const StudyParameter& p = study.parameters[i];
      sqlite3_stmt* st = s.get();
      sqlite3_reset(st);
      sqlite3_clear_bindings(st);
      const bool range = p.kind == StudyParameter::Kind::kRange;
      sqlite3_bind_int64(st, 1, static_cast<std::int64_t>(i));
      sqlite3_bind_text(st, 2, p.path.data(), static_cast<int>(p.path.size()), SQLITE_TRANSIENT);
      sqlite3_bind_text(st, 3, kParameterKinds[range ? 0 : 1], -1, SQLITE_STATIC);
      if (range) {
        sqlite3_bind_double(st, 4, p.lo);
        sqlite3_bind_double(st, 5, p.hi);
      }
      sqlite3_bind_int(st, 6, p.integer ? 1 : 0);
      sqlite3_bind_int(st, 7, p.levels);
      if (!range) {
        const std::string values = nlohmann::json(p.values).dump();
        sqlite3_bind_text(st, 8, values.data(), static_cast<int>(values.size()), SQLITE_TRANSIENT);
      }
      if (sqlite3_step(st) != SQLITE_DONE) {
        impl->Fail(error, "writing the parameters");
        return nullptr;
      }
    }
  }
  {
    const std::size_t d = study.parameters.size();
    std::string sql = "INSERT INTO design_points VALUES (?";
    for (std::size_t i = 0; i < 2 * d; ++i) sql += ", ?";
    sql += ")";
    Statement s;
    if (!s.Prepare(impl->db, sql, error)) return nullptr;
    for (std::size_t point = 0; point < design.points(); ++point) {
      sqlite3_stmt* st = s.get();
      sqlite3_reset(st);
      sqlite3_bind_int64(st, 1, static_cast<std::int64_t>(point));
      for (std::size_t i = 0; i < d; ++i) {
        const StudyParameter& p = study.parameters[i];
        const double u = design.at(point, i);
        const ParameterValue v = ValueAt(p, u);
        const int column = static_cast<int>(2 + i);
        // Numbers and booleans (as 1/0) are stored as numbers, other text as text.
        const bool is_text = !IsNumericValue(p, v.text);
        if (!is_text) {
          sqlite3_bind_double(st, column, v.number);
        } else {
          sqlite3_bind_text(st, column, v.text.data(), static_cast<int>(v.text.size()),
                            SQLITE_TRANSIENT);
        }
        sqlite3_bind_double(st, static_cast<int>(2 + d + i), u);
      }
      if (sqlite3_step(st) != SQLITE_DONE) {
        impl->Fail(error, "writing the design points");
        return nullptr;
      }
    }
  }
  CommitKillHook(CommitMoment::kCreate);
  if (!impl->Exec("COMMIT;", error) || !impl->PrepareWriters(error)) return nullptr;
  std::unique_ptr<ResultsStore> store(new ResultsStore(std::move(impl)));
  store->path_ = path;
  return store;
}

// A file is checked to be a results file by reading only, before anything
// (the WAL journal mode, the writer lock) could change it: --resume pointed
// at another SQLite file or an empty file leaves it byte for byte as it was.
std::unique_ptr<ResultsStore> ResultsStore::Open(const std::string& path, bool writable,
                                                 std::string* error, StoreFailure* failure) {
  StoreFailure ignored_failure;
  if (failure == nullptr) failure = &ignored_failure;
  *failure = StoreFailure::kBadInput;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    *error = fmt::format("{}: no such results file", path);
    return nullptr;
  }
  if (std::filesystem::file_size(path, ec) == 0 && !ec) {
    *error = fmt::format("{}: an empty file, not an overstretch results file", path);
    return nullptr;
  }
  auto impl = std::make_unique<Impl>();
  const int flags = writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY;
  if (sqlite3_open_v2(path.c_str(), &impl->db, flags, nullptr) != SQLITE_OK) {
    impl->Fail(error, fmt::format("cannot open {}", path));
    return nullptr;
  }
  sqlite3_busy_timeout(impl->db, 5000);
  {
    Statement check;
    if (!check.Prepare(impl->db, "SELECT schema_version FROM study", error)) {
      *error = fmt::format("{}: not an overstretch results file ({})", path, *error);
      return nullptr;
    }
    if (sqlite3_step(check.get()) != SQLITE_ROW ||
        sqlite3_column_int(check.get(), 0) != kSchemaVersion) {
      *error = fmt::format("{}: not an overstretch results file of schema version {}", path,
                           kSchemaVersion);
      return nullptr;
    }
  }
  if (!impl->CheckMetricColumns(path, error)) return nullptr;
  if (writable) {
    bool busy = false;
    if (!impl->lock.Acquire(path, error, &busy)) {
      if (!busy) *failure = StoreFailure::kWrite;
      return nullptr;
    }
    *failure = StoreFailure::kWrite;
    if (!impl->Configure(error)) {
      *error = fmt::format("{}: cannot open it for writing ({})", path, *error);
      return nullptr;
    }
    impl->writable = true;
    if (!impl->PrepareWriters(error)) return nullptr;
  }
  std::unique_ptr<ResultsStore> store(new ResultsStore(std::move(impl)));
  store->path_ = path;
  return store;
}

namespace {

std::string ColumnText(sqlite3_stmt* st, int column) {
  const unsigned char* text = sqlite3_column_text(st, column);
  const int bytes = sqlite3_column_bytes(st, column);
  return text == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(text), bytes);
}

}  // namespace

bool ResultsStore::ReadStudy(StudyRecord* r, std::string* error) {
  Statement s;
  if (!s.Prepare(impl_->db,
                 "SELECT name, description, study_file, study_text, base_scenario, "
                 "base_scenario_text, design, base_seed, samples, levels, replications, points, "
                 "theater_turns, metrics, created, program_version FROM study",
                 error)) {
    return false;
  }
  sqlite3_stmt* st = s.get();
  if (sqlite3_step(st) != SQLITE_ROW) return impl_->Fail(error, "reading the study");
  r->name = ColumnText(st, 0);
  r->description = ColumnText(st, 1);
  r->file = ColumnText(st, 2);
  r->text = ColumnText(st, 3);
  r->scenario = ColumnText(st, 4);
  r->scenario_text = ColumnText(st, 5);
  r->design = ColumnText(st, 6);
  r->seed = std::strtoull(ColumnText(st, 7).c_str(), nullptr, 10);
  r->samples = sqlite3_column_int64(st, 8);
  r->levels = sqlite3_column_int64(st, 9);
  r->replications = sqlite3_column_int64(st, 10);
  r->points = sqlite3_column_int64(st, 11);
  r->theater_turns = sqlite3_column_int(st, 12) != 0;
  r->metrics.clear();
  const nlohmann::json metrics = nlohmann::json::parse(ColumnText(st, 13), nullptr, false);
  if (metrics.is_array()) {
    for (const auto& m : metrics) {
      if (m.is_string() && RunMetricIndex(m.get<std::string>())) {
        r->metrics.push_back(m.get<std::string>());
      }
    }
  }
  r->created = ColumnText(st, 14);
  r->version = ColumnText(st, 15);
  if (r->replications < 1 || r->points < 0 || !ParseDesignName(r->design)) {
    *error = fmt::format("{}: the study row is damaged", path_);
    return false;
  }
  return true;
}

bool ResultsStore::ReadParameters(std::vector<StudyParameter>* parameters, std::string* error) {
  Statement s;
  if (!s.Prepare(impl_->db,
                 "SELECT name, kind, lo, hi, integer, levels, \"values\" FROM parameters "
                 "ORDER BY idx",
                 error)) {
    return false;
  }
  parameters->clear();
  sqlite3_stmt* st = s.get();
  int rc = 0;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    StudyParameter p;
    p.path = ColumnText(st, 0);
    const std::string kind = ColumnText(st, 1);
    if (kind == "range") {
      p.kind = StudyParameter::Kind::kRange;
      p.lo = sqlite3_column_double(st, 2);
      p.hi = sqlite3_column_double(st, 3);
      p.integer = sqlite3_column_int(st, 4) != 0;
      p.levels = sqlite3_column_int(st, 5);
    } else {
      p.kind = StudyParameter::Kind::kValues;
      const nlohmann::json values = nlohmann::json::parse(ColumnText(st, 6), nullptr, false);
      if (values.is_array()) {
        for (const auto& v : values) {
          if (!v.is_string()) continue;
          p.codes.push_back(ValueCode(v.get<std::string>(), p.values.size()));
          p.values.push_back(v.get<std::string>());
        }
      }
      if (p.values.empty()) {
        *error = fmt::format("{}: parameter {} has no values", path_, p.path);
        return false;
      }
    }
    parameters->push_back(std::move(p));
  }
  if (rc != SQLITE_DONE) return impl_->Fail(error, "reading the parameters");
  return true;
}

bool ResultsStore::ReadDesign(std::size_t dims, UnitDesign* design, std::string* error) {
  std::string sql = "SELECT point";
  for (std::size_t i = 0; i < dims; ++i) sql += fmt::format(", _u{}", i);
  sql += " FROM design_points ORDER BY point";
  Statement s;
  if (!s.Prepare(impl_->db, sql, error)) return false;
  design->dims = dims;
  design->u.clear();
  sqlite3_stmt* st = s.get();
  int rc = 0;
  std::int64_t expected = 0;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (sqlite3_column_int64(st, 0) != expected++) {
      *error = fmt::format("{}: design points are not numbered 0, 1, 2, ...", path_);
      return false;
    }
    for (std::size_t i = 0; i < dims; ++i) {
      design->u.push_back(sqlite3_column_double(st, static_cast<int>(i + 1)));
    }
  }
  if (rc != SQLITE_DONE) return impl_->Fail(error, "reading the design points");
  return true;
}

bool ResultsStore::ForEachDone(const std::function<void(std::int64_t, std::int64_t)>& done,
                               std::string* error) {
  Statement s;
  if (!s.Prepare(impl_->db, "SELECT point, replication FROM runs", error)) return false;
  sqlite3_stmt* st = s.get();
  int rc = 0;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    done(sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1));
  }
  if (rc != SQLITE_DONE) return impl_->Fail(error, "reading the runs");
  return true;
}

bool ResultsStore::ForEachRun(const std::function<void(const RunRecord&)>& run,
                              std::string* error) {
  std::string sql = "SELECT point, replication, seed, status, error";
  for (const RunMetric& m : RunMetrics()) sql += fmt::format(", {}", m.name);
  sql += ", elapsed_us FROM runs ORDER BY point, replication";
  std::int64_t points = 0;
  std::int64_t replications = 0;
  if (!StudySize(&points, &replications, error)) return false;
  Statement s;
  if (!s.Prepare(impl_->db, sql, error)) return false;
  sqlite3_stmt* st = s.get();
  RunRecord r;
  int rc = 0;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    r.point = sqlite3_column_int64(st, 0);
    r.replication = sqlite3_column_int64(st, 1);
    // A run outside the design (an edited or foreign row) is refused rather
    // than counted, so no reader reports "30001 of 30000 runs".
    if (r.point < 0 || r.point >= points || r.replication < 0 || r.replication >= replications) {
      *error = fmt::format(
          "{}: holds a run outside the study's design (point {}, replication {}; the study has "
          "{} points × {} replications)",
          path_, r.point, r.replication, points, replications);
      return false;
    }
    r.seed = static_cast<std::uint64_t>(sqlite3_column_int64(st, 2));
    r.ok = ColumnText(st, 3) == "ok";
    r.error = ColumnText(st, 4);
    for (std::size_t m = 0; m < kRunMetricCount; ++m) {
      const int column = static_cast<int>(5 + m);
      const int type = sqlite3_column_type(st, column);
      if (type == SQLITE_NULL) {
        r.metrics[m].reset();
      } else if (type == SQLITE_INTEGER || type == SQLITE_FLOAT) {
        r.metrics[m] = sqlite3_column_double(st, column);
      } else {
        // SQLite would read text as 0: a tampered value must not pass as data.
        std::string text = ColumnText(st, column).substr(0, 40);
        for (char& c : text) {
          if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
        }
        *error = fmt::format(
            "{}: run (point {}, replication {}): metric {} holds '{}', not a number (the file "
            "was damaged or edited)",
            path_, r.point, r.replication, RunMetrics()[m].name, text);
        return false;
      }
    }
    r.elapsed_us = sqlite3_column_int64(st, static_cast<int>(5 + kRunMetricCount));
    run(r);
  }
  if (rc != SQLITE_DONE) return impl_->Fail(error, "reading the runs");
  return true;
}

bool ResultsStore::StudySize(std::int64_t* points, std::int64_t* replications, std::string* error) {
  Statement s;
  if (!s.Prepare(impl_->db, "SELECT points, replications FROM study", error)) return false;
  if (sqlite3_step(s.get()) != SQLITE_ROW) return impl_->Fail(error, "reading the study");
  *points = sqlite3_column_int64(s.get(), 0);
  *replications = sqlite3_column_int64(s.get(), 1);
  return true;
}

std::int64_t ResultsStore::CountRuns(std::string* error) {
  Statement s;
  if (!s.Prepare(impl_->db, "SELECT COUNT(*) FROM runs", error)) return -1;
  if (sqlite3_step(s.get()) != SQLITE_ROW) {
    impl_->Fail(error, "counting the runs");
    return -1;
  }
  return sqlite3_column_int64(s.get(), 0);
}

bool ResultsStore::Begin(std::string* error) { return impl_->Exec("BEGIN", error); }

bool ResultsStore::Commit(std::string* error) {
  CommitKillHook(CommitMoment::kBefore);
  const bool ok = impl_->Exec("COMMIT", error);
  CommitKillHook(CommitMoment::kAfter);
  return ok;
}

// A run goes in whole or not at all: its `runs` row and its `theater_turns`
// rows are inserted under one savepoint, rolled back when any insert fails,
// so that the commit that keeps the runs before it (StoreWriter) cannot keep
// half of this one and `--resume` never takes a half-stored run for done.
bool ResultsStore::Insert(const RunRecord& run, std::string* error) {
  if (impl_->insert_run.get() == nullptr) {
    *error = "the results file is open read-only";
    return false;
  }
  if (!impl_->Exec("SAVEPOINT run", error)) return false;
  if (InsertRows(run, error)) return impl_->Exec("RELEASE run", error);
  std::string ignored;
  impl_->Exec("ROLLBACK TO run; RELEASE run", &ignored);
  return false;
}

bool ResultsStore::InsertRows(const RunRecord& run, std::string* error) {
  sqlite3_stmt* st = impl_->insert_run.get();
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  int c = 0;
  sqlite3_bind_int64(st, ++c, run.point);
  sqlite3_bind_int64(st, ++c, run.replication);
  sqlite3_bind_int64(st, ++c, static_cast<std::int64_t>(run.seed));
  sqlite3_bind_text(st, ++c, run.ok ? "ok" : "failed", -1, SQLITE_STATIC);
  if (run.ok) {
    sqlite3_bind_null(st, ++c);
  } else {
    sqlite3_bind_text(st, ++c, run.error.data(), static_cast<int>(run.error.size()),
                      SQLITE_TRANSIENT);
  }
  for (const std::optional<double>& m : run.metrics) {
    if (m) {
      sqlite3_bind_double(st, ++c, *m);
    } else {
      sqlite3_bind_null(st, ++c);
    }
  }
  sqlite3_bind_int64(st, ++c, run.elapsed_us);
  if (sqlite3_step(st) != SQLITE_DONE) {
    if (sqlite3_extended_errcode(impl_->db) == SQLITE_CONSTRAINT_PRIMARYKEY) {
      // Only a second sweep writing the same file at once (on a file system
      // where the writer lock does not hold) can store a run twice.
      *error = fmt::format(
          "run (point {}, replication {}) is already stored: another sweep is writing {} at the "
          "same time; let one sweep finish, then --resume",
          run.point, run.replication, path_);
      return false;
    }
    return impl_->Fail(
        error, fmt::format("storing run (point {}, replication {})", run.point, run.replication));
  }
  sqlite3_stmt* tt = impl_->insert_turn.get();
  for (const TheaterTurnRow& row : run.theater_turns) {
    sqlite3_reset(tt);
    int k = 0;
    sqlite3_bind_int64(tt, ++k, run.point);
    sqlite3_bind_int64(tt, ++k, run.replication);
    sqlite3_bind_int(tt, ++k, row.turn);
    sqlite3_bind_text(tt, ++k, row.theater.data(), static_cast<int>(row.theater.size()),
                      SQLITE_TRANSIENT);
    sqlite3_bind_text(tt, ++k, row.status.data(), static_cast<int>(row.status.size()),
                      SQLITE_TRANSIENT);
    sqlite3_bind_int(tt, ++k, row.escalation);
    for (double x : {row.control, row.phi_challengers, row.phi_defenders, row.losses_challengers,
                     row.losses_defenders}) {
      sqlite3_bind_double(tt, ++k, x);
    }
    if (sqlite3_step(tt) != SQLITE_DONE) return impl_->Fail(error, "storing theater turns");
  }
  return true;
}

bool ReadStudyResults(ResultsStore& store, StudyResults* r, std::string* error) {
  if (!store.ReadStudy(&r->study, error) || !store.ReadParameters(&r->parameters, error) ||
      !store.ReadDesign(r->parameters.size(), &r->design, error)) {
    return false;
  }
  if (r->design.points() != static_cast<std::size_t>(r->study.points)) {
    *error = fmt::format("{}: {} design points stored, the study says {}", store.path(),
                         r->design.points(), r->study.points);
    return false;
  }
  const std::size_t dims = r->parameters.size();
  r->numbers.resize(r->design.u.size());
  r->texts.resize(r->design.u.size());
  for (std::size_t point = 0; point < r->design.points(); ++point) {
    for (std::size_t i = 0; i < dims; ++i) {
      const ParameterValue v = ValueAt(r->parameters[i], r->design.at(point, i));
      r->numbers[point * dims + i] = v.number;
      r->texts[point * dims + i] = v.text;
    }
  }
  return true;
}

}  // namespace overstretch::cli
