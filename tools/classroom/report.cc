// Reading a run directory back (strictly) for the after-action report. The
// page itself is drawn by the files named in tools/classroom/report_page.h.
#include "tools/classroom/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include "tools/runio/csv.h"
#include "tools/runio/summary_json.h"

namespace overstretch::cli {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

// A report is for people: a run directory far beyond what a page can show is
// refused rather than read into memory.
constexpr std::size_t kMaxRows = 2'000'000;
constexpr std::size_t kMaxEventLine = std::size_t{4} << 20;
constexpr std::uintmax_t kMaxJsonFile = std::uintmax_t{16} << 20;
constexpr int kMaxJsonDepth = 64;

const std::set<std::string> kStatuses = {"pending", "active", "won", "held", "defused", "closed"};

// ------------------------------------------------------------------ CSV

class Rows {
 public:
  Rows(const fs::path& dir, const char* file) : path_((dir / file).string()) {}

  // Opens the file and checks that the header starts with `fixed`; the rest
  // of the header is returned for the caller to check.
  bool Open(const std::vector<std::string>& fixed, std::string* error) {
    if (!reader_.Open(path_, error)) return false;
    const auto& header = reader_.header();
    bool ok = header.size() >= fixed.size();
    for (std::size_t i = 0; ok && i < fixed.size(); ++i) ok = header[i] == fixed[i];
    if (!ok) {
      std::string expected;
      for (const auto& c : fixed) expected += (expected.empty() ? "" : ",") + c;
      *error = fmt::format("{}:1: unexpected header: expected the columns {} (docs/outputs.md)",
                           path_, expected);
      return false;
    }
    return true;
  }

  const std::vector<std::string>& header() const { return reader_.header(); }

  // Next row; false at the end (*error empty) or on an error.
  bool Next(std::string* error) {
    if (!reader_.Next(&fields_, error)) return false;
    if (++count_ > kMaxRows) {
      *error =
          fmt::format("{}: more than {} rows: too large for a report", reader_.Where(), kMaxRows);
      return false;
    }
    return true;
  }

  const std::string& Text(std::size_t column) const { return fields_[column]; }

  bool Number(std::size_t column, double lo, double hi, double* out, std::string* error) const {
    const std::optional<double> x = ParseFiniteDouble(fields_[column]);
    if (!x || *x < lo || *x > hi) {
      *error =
          fmt::format("{}: column '{}': expected a number in [{}, {}], got '{}'", reader_.Where(),
                      reader_.header()[column], lo, hi, Clip(fields_[column]));
      return false;
    }
    *out = *x;
    return true;
  }

  bool OptionalNumber(std::size_t column, double lo, double hi, std::optional<double>* out,
                      std::string* error) const {
    if (fields_[column].empty()) {
      out->reset();
      return true;
    }
    double x = 0.0;
    if (!Number(column, lo, hi, &x, error)) return false;
    *out = x;
    return true;
  }

  bool Integer(std::size_t column, long long lo, long long hi, int* out, std::string* error) const {
    const std::optional<long long> x = ParseInteger(fields_[column]);
    if (!x || *x < lo || *x > hi) {
      *error =
          fmt::format("{}: column '{}': expected a whole number in [{}, {}], got '{}'",
                      reader_.Where(), reader_.header()[column], lo, hi, Clip(fields_[column]));
      return false;
    }
    *out = static_cast<int>(*x);
    return true;
  }

  bool Id(std::size_t column, std::string* out, std::string* error) const {
    const std::string& text = fields_[column];
    if (text.empty() || text.size() > 64) {
      *error = fmt::format("{}: column '{}': expected an id (1 to 64 characters), got '{}'",
                           reader_.Where(), reader_.header()[column], Clip(text));
      return false;
    }
    *out = text;
    return true;
  }

  // Turns: from 1, never decreasing down the file.
  bool Turn(int* out, std::string* error) {
    if (!Integer(0, 1, 1'000'000, out, error)) return false;
    if (*out < last_turn_) {
      *error = fmt::format("{}: turn {} after turn {}: rows must be sorted by turn",
                           reader_.Where(), *out, last_turn_);
      return false;
    }
    last_turn_ = *out;
    return true;
  }

  std::string Where() const { return reader_.Where(); }

  static std::string Clip(const std::string& text) {
    std::string out = text.size() > 40 ? text.substr(0, 40) + "..." : text;
    for (char& c : out) {
      if (static_cast<unsigned char>(c) < 0x20) c = '?';
    }
    return out;
  }

 private:
  std::string path_;
  CsvReader reader_;
  std::vector<std::string> fields_;
  std::size_t count_ = 0;
  int last_turn_ = 0;
};

constexpr double kHuge = 1e300;

bool ReadTheaters(const fs::path& dir, ReportData* data, std::string* error) {
  Rows rows(dir, "theaters.csv");
  if (!rows.Open(
          {"turn", "theater", "status", "escalation", "control", "p_challengers", "phi_challengers",
           "phi_defenders", "coalition_challengers", "coalition_defenders", "patron_share",
           "patron_delivered", "allied_delivered", "losses_challengers", "losses_defenders"},
          error)) {
    return false;
  }
  if (rows.header().size() != 15) {
    *error = fmt::format("{}:1: unexpected extra columns", (dir / "theaters.csv").string());
    return false;
  }
  while (rows.Next(error)) {
    ReportTheaterRow r;
    if (!rows.Turn(&r.turn, error) || !rows.Id(1, &r.theater, error)) return false;
    r.status = rows.Text(2);
    if (kStatuses.count(r.status) == 0) {
      *error = fmt::format("{}: column 'status': unknown status '{}'", rows.Where(),
                           Rows::Clip(r.status));
      return false;
    }
    if (!rows.Integer(3, 0, 5, &r.escalation, error) ||
        !rows.Number(4, 0.0, 1.0, &r.control, error) ||
        !rows.OptionalNumber(5, 0.0, 1.0, &r.p_challengers, error) ||
        !rows.Number(6, 0.0, kHuge, &r.phi_challengers, error) ||
        !rows.Number(7, 0.0, kHuge, &r.phi_defenders, error) ||
        !rows.Integer(8, 0, 1'000'000, &r.coalition_challengers, error) ||
        !rows.Integer(9, 0, 1'000'000, &r.coalition_defenders, error) ||
        !rows.OptionalNumber(10, 0.0, 1.0, &r.patron_share, error) ||
        !rows.Number(11, 0.0, kHuge, &r.patron_delivered, error) ||
        !rows.Number(12, 0.0, kHuge, &r.allied_delivered, error) ||
        !rows.Number(13, 0.0, kHuge, &r.losses_challengers, error) ||
        !rows.Number(14, 0.0, kHuge, &r.losses_defenders, error)) {
      return false;
    }
    data->theater_rows.push_back(std::move(r));
  }
  return error->empty();
}

bool ReadActors(const fs::path& dir, ReportData* data, std::string* error) {
  Rows rows(dir, "actors.csv");
  const std::vector<std::string> fixed = {"turn", "actor", "forces", "available", "deployed"};
  if (!rows.Open(fixed, error)) return false;
  // deployed_<T>..., losses, stretch, trust_in, betweenness, posture_<T>...
  const auto& header = rows.header();
  const std::string where = (dir / "actors.csv").string() + ":1";
  std::size_t c = fixed.size();
  while (c < header.size() && header[c].rfind("deployed_", 0) == 0) {
    data->theaters.push_back(header[c].substr(9));
    ++c;
  }
  const std::size_t t = data->theaters.size();
  const std::vector<std::string> middle = {"losses", "stretch", "trust_in", "betweenness"};
  bool ok = header.size() == fixed.size() + 2 * t + middle.size();
  for (std::size_t i = 0; ok && i < middle.size(); ++i) ok = header[c + i] == middle[i];
  for (std::size_t k = 0; ok && k < t; ++k) {
    ok = header[c + middle.size() + k] == "posture_" + data->theaters[k] &&
         !data->theaters[k].empty();
  }
  if (!ok) {
    *error = fmt::format(
        "{}: unexpected header: expected turn,actor,forces,available,deployed, then "
        "deployed_<THEATER> per theater, losses,stretch,trust_in,betweenness, then "
        "posture_<THEATER> per theater (docs/outputs.md)",
        where);
    return false;
  }
  while (rows.Next(error)) {
    ReportActorRow r;
    double ignored = 0.0;
    if (!rows.Turn(&r.turn, error) || !rows.Id(1, &r.actor, error) ||
        !rows.Number(2, 0.0, kHuge, &r.forces, error) ||
        !rows.Number(3, 0.0, kHuge, &r.available, error) ||
        !rows.Number(4, 0.0, kHuge, &r.deployed, error)) {
      return false;
    }
    for (std::size_t k = 0; k < t; ++k) {
      if (!rows.Number(5 + k, 0.0, kHuge, &ignored, error)) return false;
    }
    if (!rows.Number(c, 0.0, kHuge, &r.losses, error) ||
        !rows.Number(c + 1, 0.0, kHuge, &r.stretch, error) ||
        !rows.OptionalNumber(c + 2, 0.0, 1.0, &r.trust_in, error) ||
        !rows.Number(c + 3, 0.0, kHuge, &ignored, error)) {
      return false;
    }
    for (std::size_t k = 0; k < t; ++k) {
      const std::string& p = rows.Text(c + 4 + k);
      if (p != "abstain" && p != "support" && p != "deploy") {
        *error = fmt::format("{}: column '{}': expected abstain, support or deploy, got '{}'",
                             rows.Where(), header[c + 4 + k], Rows::Clip(p));
        return false;
      }
      r.postures.push_back(p);
    }
    data->actor_rows.push_back(std::move(r));
  }
  return error->empty();
}

bool ReadNetwork(const fs::path& dir, ReportData* data, std::string* error) {
  Rows rows(dir, "network.csv");
  if (!rows.Open({"turn", "from", "to", "commitment", "access", "intel", "trust", "hostility"},
                 error)) {
    return false;
  }
  if (rows.header().size() != 8) {
    *error = fmt::format("{}:1: unexpected extra columns", (dir / "network.csv").string());
    return false;
  }
  while (rows.Next(error)) {
    ReportTieRow r;
    if (!rows.Turn(&r.turn, error) || !rows.Id(1, &r.from, error) || !rows.Id(2, &r.to, error) ||
        !rows.Number(3, 0.0, 1.0, &r.commitment, error) ||
        !rows.Number(4, 0.0, 1.0, &r.access, error) || !rows.Number(5, 0.0, 1.0, &r.intel, error) ||
        !rows.Number(6, 0.0, 1.0, &r.trust, error) ||
        !rows.Number(7, 0.0, 1.0, &r.hostility, error)) {
      return false;
    }
    data->tie_rows.push_back(std::move(r));
  }
  return error->empty();
}

bool ReadTurns(const fs::path& dir, ReportData* data, std::string* error) {
  Rows rows(dir, "turns.csv");
  if (!rows.Open({"turn", "cohesion", "abandonments", "active_theaters"}, error)) return false;
  if (rows.header().size() != 4) {
    *error = fmt::format("{}:1: unexpected extra columns", (dir / "turns.csv").string());
    return false;
  }
  while (rows.Next(error)) {
    ReportTurnRow r;
    if (!rows.Turn(&r.turn, error) || !rows.OptionalNumber(1, 0.0, 1.0, &r.cohesion, error) ||
        !rows.Integer(2, 0, 100'000'000, &r.abandonments, error) ||
        !rows.Integer(3, 0, 1'000'000, &r.active_theaters, error)) {
      return false;
    }
    data->turn_rows.push_back(r);
  }
  return error->empty();
}

// ------------------------------------------------------------------ JSON

// Checks of the fields the report reads, with the line in the message.
class Fields {
 public:
  Fields(const Json& object, std::string where) : object_(object), where_(std::move(where)) {}

  bool Int(const char* key, std::string* error) const {
    const Json* v = Find(key);
    if (v != nullptr && v->is_number_integer() && *v >= -1'000'000'000LL && *v <= 1'000'000'000LL) {
      return true;
    }
    return Fail(key, "a whole number", error);
  }
  bool Num(const char* key, std::string* error) const {
    const Json* v = Find(key);
    if (v != nullptr && v->is_number() && std::isfinite(v->get<double>())) return true;
    return Fail(key, "a number", error);
  }
  bool NumOrNull(const char* key, std::string* error) const {
    const Json* v = Find(key);
    if (v != nullptr && v->is_null()) return true;
    if (v != nullptr && v->is_number() && std::isfinite(v->get<double>())) return true;
    return Fail(key, "a number or null", error);
  }
  bool Str(const char* key, std::string* error) const {
    const Json* v = Find(key);
    if (v != nullptr && v->is_string()) return true;
    return Fail(key, "a string", error);
  }
  bool Bool(const char* key, std::string* error) const {
    const Json* v = Find(key);
    if (v != nullptr && v->is_boolean()) return true;
    return Fail(key, "true or false", error);
  }
  bool Object(const char* key, std::string* error) const {
    const Json* v = Find(key);
    if (v != nullptr && v->is_object()) return true;
    return Fail(key, "an object", error);
  }
  bool Array(const char* key, std::string* error) const {
    const Json* v = Find(key);
    if (v != nullptr && v->is_array()) return true;
    return Fail(key, "a list", error);
  }

 private:
  const Json* Find(const char* key) const {
    auto it = object_.find(key);
    return it == object_.end() ? nullptr : &*it;
  }
  bool Fail(const char* key, const char* what, std::string* error) const {
    *error = fmt::format("{}: '{}' must be {}", where_, key, what);
    return false;
  }

  const Json& object_;
  std::string where_;
};

std::optional<Json> ParseJsonText(const std::string& text, const std::string& where,
                                  std::string* error) {
  if (!JsonDepthWithin(text, kMaxJsonDepth)) {
    *error = fmt::format("{}: JSON nested deeper than {} levels", where, kMaxJsonDepth);
    return std::nullopt;
  }
  try {
    return Json::parse(text);
  } catch (const Json::exception& e) {
    std::string what = e.what();
    if (what.size() > 200) what = what.substr(0, 200) + "...";
    *error = fmt::format("{}: malformed JSON: {}", where, what);
    return std::nullopt;
  }
}

bool CheckEvent(const Json& j, const std::string& where, const std::string& type,
                std::string* error) {
  const Fields f(j, where + ": " + type + " event");
  if (!f.Int("turn", error) && type != "end" && type != "classroom") return false;
  error->clear();
  if (type == "inject") {
    if (!f.Str("label", error) || !f.Array("effects", error)) return false;
    for (const Json& e : j.at("effects")) {
      if (!e.is_object() || !e.contains("kind") || !e.at("kind").is_string()) {
        *error =
            fmt::format("{}: inject event: every effect must be an object with a 'kind'", where);
        return false;
      }
    }
    return true;
  }
  if (type == "theater_opened") return f.Str("theater", error) && f.Int("escalation", error);
  if (type == "adjudication") {
    return f.Str("theater", error) && f.Int("escalation_before", error) &&
           f.Int("escalation_after", error) && f.Num("phi_challengers", error) &&
           f.Num("phi_defenders", error) && f.Num("p_challengers", error) &&
           f.Num("control_before", error) && f.Num("control_after", error) &&
           f.Str("status", error);
  }
  if (type == "abandonment") {
    return f.Str("abandoner", error) && f.Str("abandoned", error) && f.Str("theater", error) &&
           f.Num("commitment", error) && f.Num("trust_before", error) &&
           f.Num("trust_after", error);
  }
  if (type == "nuclear_threshold") {
    return f.Str("theater", error) && f.Str("cause", error) && f.Str("side", error) &&
           f.Num("hazard", error);
  }
  if (type == "facilitator") return f.Str("action", error) && f.Str("text", error);
  if (type == "message") return f.Str("from", error) && f.Str("to", error) && f.Str("text", error);
  if (type == "proposal") {
    return f.Int("proposal", error) && f.Str("from", error) && f.Str("to", error) &&
           f.Str("terms", error) && f.Bool("announce", error) && f.Str("note", error);
  }
  if (type == "proposal_answer") {
    return f.Int("proposal", error) && f.Str("by", error) && f.Str("reply", error);
  }
  if (type == "human_decision") {
    return f.Str("actor", error) && f.Str("theater", error) && f.Str("option", error);
  }
  if (type == "classroom") {
    if (!f.Array("humans", error)) return false;
    for (const Json& h : j.at("humans")) {
      if (!h.is_string()) {
        *error = fmt::format("{}: classroom event: 'humans' must list actor ids", where);
        return false;
      }
    }
    return true;
  }
  return true;  // "end" is read from summary.json
}

// A human actor's estimates (its decision event), for the team's "what you
// saw" page; other actors' decisions are only counted.
bool ReadEstimate(const Json& j, const std::string& where, ReportData* data, std::string* error) {
  const Fields f(j, where + ": decision event");
  if (!f.Int("turn", error) || !f.Str("actor", error) || !f.Str("theater", error) ||
      !f.Str("side", error) || !f.Num("observed_own", error) || !f.Num("observed_other", error)) {
    return false;
  }
  data->estimates.push_back(
      ReportEstimate{j.at("turn").get<int>(), j.at("actor").get<std::string>(),
                     j.at("theater").get<std::string>(), j.at("side").get<std::string>(),
                     j.at("observed_own").get<double>(), j.at("observed_other").get<double>()});
  return true;
}

// The `initial_state` event of a played game: forces {ID: number} and ties
// [{from, to, commitment, access, intel, trust, hostility}].
bool ReadStart(const Json& j, const std::string& where, ReportData* data, std::string* error) {
  const Fields f(j, where + ": initial_state event");
  if (!f.Object("forces", error) || !f.Array("ties", error)) return false;
  for (const auto& [id, x] : j.at("forces").items()) {
    if (!x.is_number() || !std::isfinite(x.get<double>())) {
      *error =
          fmt::format("{}: initial_state event: forces.{} must be a number", where, Rows::Clip(id));
      return false;
    }
    data->start.forces.emplace_back(id, x.get<double>());
  }
  for (const Json& t : j.at("ties")) {
    const Fields tf(t, where + ": initial_state event: a tie");
    if (!t.is_object() || !tf.Str("from", error) || !tf.Str("to", error) ||
        !tf.Num("commitment", error) || !tf.Num("access", error) || !tf.Num("intel", error) ||
        !tf.Num("trust", error) || !tf.Num("hostility", error)) {
      if (error->empty()) *error = where + ": initial_state event: every tie must be an object";
      return false;
    }
    data->start.ties.push_back(ReportTieRow{
        0, t.at("from").get<std::string>(), t.at("to").get<std::string>(),
        t.at("commitment").get<double>(), t.at("access").get<double>(), t.at("intel").get<double>(),
        t.at("trust").get<double>(), t.at("hostility").get<double>()});
  }
  data->start.known = true;
  return true;
}

bool ReadEvents(const fs::path& dir, ReportData* data, std::string* error) {
  const std::string path = (dir / "events.jsonl").string();
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = fmt::format("{}: cannot open", path);
    return false;
  }
  std::string line;
  int number = 0;
  bool ended = false;
  std::set<std::string> humans;  // from the classroom event, the first line of a played game
  while (true) {
    line.clear();
    char c = 0;
    bool any = false;
    while (in.get(c)) {
      any = true;
      if (c == '\n') break;
      if (line.size() >= kMaxEventLine) {
        *error = fmt::format("{}:{}: line longer than {} bytes", path, number + 1, kMaxEventLine);
        return false;
      }
      line.push_back(c);
    }
    if (!any) break;
    ++number;
    const std::string where = fmt::format("{}:{}", path, number);
    if (ended) {
      *error = fmt::format("{}: text after the 'end' event", where);
      return false;
    }
    if (line.empty()) {
      *error = fmt::format("{}: empty line", where);
      return false;
    }
    std::optional<Json> j = ParseJsonText(line, where, error);
    if (!j) return false;
    if (!j->is_object() || !j->contains("type") || !j->at("type").is_string()) {
      *error = fmt::format("{}: expected a JSON object with a string 'type'", where);
      return false;
    }
    const std::string type = j->at("type").get<std::string>();
    if (type == "decision") {
      ++data->decision_events;
      const auto actor = j->find("actor");
      if (actor != j->end() && actor->is_string() && humans.count(actor->get<std::string>()) != 0 &&
          !ReadEstimate(*j, where, data, error)) {
        return false;
      }
      continue;
    }
    if (type == "initial_state") {
      if (!ReadStart(*j, where, data, error)) return false;
      continue;
    }
    if (!CheckEvent(*j, where, type, error)) return false;
    if (type == "end") ended = true;
    if (type == "classroom") {
      for (const Json& h : j->at("humans")) humans.insert(h.get<std::string>());
    }
    if (data->events.size() >= kMaxRows) {
      *error = fmt::format("{}: more than {} events: too large for a report", where, kMaxRows);
      return false;
    }
    data->events.push_back(ReportEvent{number, std::move(*j)});
  }
  if (in.bad()) {
    *error = fmt::format("{}: read error", path);
    return false;
  }
  return true;
}

bool ReadSummary(const fs::path& dir, ReportData* data, std::string* error) {
  const fs::path path = dir / "summary.json";
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec) {
    *error = fmt::format("{}: cannot read: {}", path.string(), ec.message());
    return false;
  }
  if (size > kMaxJsonFile) {
    *error = fmt::format("{}: too large ({} bytes)", path.string(), size);
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  std::optional<Json> j = ParseJsonText(text.str(), path.string(), error);
  if (!j) return false;
  if (!j->is_object()) {
    *error = fmt::format("{}: expected a JSON object", path.string());
    return false;
  }
  const Fields f(*j, path.string());
  if (!f.Str("scenario", error) || !f.Object("theaters", error)) return false;
  for (const RunMetric& m : RunMetrics()) {
    MetricValue value;
    std::string what;
    if (!MetricFromJson(m, *j, &value, &what)) {
      *error = fmt::format("{}: {}", path.string(), what);
      return false;
    }
  }
  if (!j->contains("seed") || !j->at("seed").is_number_integer()) {
    *error = fmt::format("{}: 'seed' must be a whole number", path.string());
    return false;
  }
  for (const auto& [id, t] : j->at("theaters").items()) {
    if (!t.is_object()) {
      *error = fmt::format("{}: theaters.{} must be an object", path.string(), Rows::Clip(id));
      return false;
    }
    const Fields tf(t, fmt::format("{}: theaters.{}", path.string(), Rows::Clip(id)));
    if (!tf.Bool("opened", error) || !tf.Bool("deterred", error) || !tf.Bool("lost", error) ||
        !tf.Int("max_escalation", error) || !tf.Num("final_control", error) ||
        !tf.Str("final_status", error) || !tf.Int("conflict_turns", error) ||
        !tf.NumOrNull("allied_burden_share", error)) {
      return false;
    }
  }
  if (j->contains("version") && !j->at("version").is_string()) {
    *error = fmt::format("{}: 'version' must be a string", path.string());
    return false;
  }
  data->summary = std::move(*j);
  return true;
}

}  // namespace

bool JsonDepthWithin(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

bool ReadRunDirectory(const fs::path& dir, ReportData* data, std::string* error) {
  error->clear();
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    *error = fmt::format(
        "{}: not a directory (expected a run directory written by "
        "'overstretch run' or 'overstretch play')",
        dir.string());
    return false;
  }
  *data = ReportData{};
  data->dir = dir.string();
  fs::path named = fs::absolute(dir, ec).lexically_normal();
  if (!named.has_filename() && named.has_parent_path()) named = named.parent_path();
  data->name = named.filename().string();
  if (data->name.empty()) data->name = data->dir;
  return ReadTheaters(dir, data, error) && ReadActors(dir, data, error) &&
         ReadNetwork(dir, data, error) && ReadTurns(dir, data, error) &&
         ReadEvents(dir, data, error) && ReadSummary(dir, data, error);
}

}  // namespace overstretch::cli
