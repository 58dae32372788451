#include "tools/runio/run_output.h"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <system_error>

#include "engine/choice.h"
#include "engine/finite_check.h"
#include "engine/world_state.h"
#include "tools/runio/json_writer.h"
#include "tools/runio/summary_json.h"

namespace overstretch::cli {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

constexpr std::size_t kFlushBytes = 1 << 16;

const char* ActorFieldName(std::uint8_t field) {
  switch (static_cast<ActorField>(field)) {
    case ActorField::kForces:
      return "forces";
    case ActorField::kGlobalCommitments:
      return "global_commitments";
    case ActorField::kHomeReserve:
      return "home_reserve";
    case ActorField::kReadiness:
      return "readiness";
    case ActorField::kReachKm:
      return "reach_km";
    case ActorField::kLethality:
      return "lethality";
    case ActorField::kRegeneration:
      return "regeneration";
    case ActorField::kIsr:
      return "isr";
    case ActorField::kGrievance:
      return "grievance";
    case ActorField::kNuclear:
      return "nuclear";
  }
  return "?";
}

// TieAttributes members in declaration order: bit i of Effect::tie_mask.
constexpr const char* kTieFields[] = {"commitment", "access", "intel", "trust", "hostility"};

double TieField(const TieAttributes& a, std::size_t i) {
  const double values[] = {a.commitment, a.access, a.intel, a.trust, a.hostility};
  return values[i];
}

void WriteChoice(JsonWriter& w, const TheaterChoice& c) {
  w.BeginObject();
  w.Key("posture").String(PostureName(c.posture));
  w.Key("share").Number(c.share);
  w.Key("move").String(MoveName(c.move));
  w.Key("request").Number(c.request);
  w.EndObject();
}

}  // namespace

// ----------------------------------------------------------------- recorder

RunOutputRecorder::RunOutputRecorder(const Scenario& scenario, fs::path dir)
    : scenario_(scenario), dir_(std::move(dir)), opened_at_(scenario.theater_count(), 0) {}

const std::string& RunOutputRecorder::ActorId(ActorIndex i) const {
  return scenario_.actors.at(i.get()).id;
}

const std::string& RunOutputRecorder::TheaterId(TheaterIndex k) const {
  return scenario_.theaters.at(k.get()).id;
}

const std::string& RunOutputRecorder::BaseId(std::uint32_t b) const {
  return scenario_.bases.at(b).id;
}

bool RunOutputRecorder::Open(std::string* error) {
  if (!theaters_.Open((dir_ / "theaters.csv").string(), error)) return false;
  if (!actors_.Open((dir_ / "actors.csv").string(), error)) return false;
  if (!network_.Open((dir_ / "network.csv").string(), error)) return false;
  if (!turns_.Open((dir_ / "turns.csv").string(), error)) return false;
  const fs::path events = dir_ / "events.jsonl";
  events_.open(events, std::ios::binary | std::ios::trunc);
  if (!events_) {
    *error = fmt::format("cannot create {}", events.string());
    return false;
  }

  for (const char* column :
       {"turn", "theater", "status", "escalation", "control", "p_challengers", "phi_challengers",
        "phi_defenders", "coalition_challengers", "coalition_defenders", "patron_share",
        "patron_delivered", "allied_delivered", "losses_challengers", "losses_defenders"}) {
    theaters_.Text(column);
  }
  theaters_.EndRow();

  for (const char* column : {"turn", "actor", "forces", "available", "deployed"}) {
    actors_.Text(column);
  }
  for (const TheaterDef& t : scenario_.theaters) actors_.Text("deployed_" + t.id);
  for (const char* column : {"losses", "stretch", "trust_in", "betweenness"}) {
    actors_.Text(column);
  }
  for (const TheaterDef& t : scenario_.theaters) actors_.Text("posture_" + t.id);
  actors_.EndRow();

  for (const char* column :
       {"turn", "from", "to", "commitment", "access", "intel", "trust", "hostility"}) {
    network_.Text(column);
  }
  network_.EndRow();

  for (const char* column : {"turn", "cohesion", "abandonments", "active_theaters"}) {
    turns_.Text(column);
  }
  turns_.EndRow();
  return true;
}

JsonWriter RunOutputRecorder::BeginEvent(const char* type) {
  JsonWriter w(events_buffer_);
  w.BeginObject().Key("type").String(type);
  return w;
}

void RunOutputRecorder::EndEvent(JsonWriter& w) {
  w.EndObject();
  EndLine();
}

void RunOutputRecorder::EndLine() {
  events_buffer_.push_back('\n');
  if (events_buffer_.size() >= kFlushBytes) {
    events_.write(events_buffer_.data(), static_cast<std::streamsize>(events_buffer_.size()));
    events_buffer_.clear();
  }
}

void RunOutputRecorder::WriteExtraEvent(const Json& event) {
  events_buffer_.append(DumpJson(event));
  EndLine();
}

void RunOutputRecorder::OnStart(const WorldState& initial) {
  JsonWriter w = BeginEvent("initial_state");
  w.Key("turn").Integer(0);
  w.Key("forces").BeginObject();
  for (std::size_t i = 0; i < initial.actors.size(); ++i) {
    w.Key(scenario_.actors[i].id).Number(initial.actors[i].attrs.forces);
  }
  w.EndObject();
  w.Key("ties").BeginArray();
  for (const TieState& t : initial.ties) {
    w.BeginObject();
    w.Key("from").String(ActorId(t.from));
    w.Key("to").String(ActorId(t.to));
    w.Key("commitment").Number(t.attrs.commitment);
    w.Key("access").Number(t.attrs.access);
    w.Key("intel").Number(t.attrs.intel);
    w.Key("trust").Number(t.attrs.trust);
    w.Key("hostility").Number(t.attrs.hostility);
    w.EndObject();
  }
  w.EndArray();
  EndEvent(w);
}

void RunOutputRecorder::OnInject(Turn turn, const Inject& inject) {
  JsonWriter w = BeginEvent("inject");
  w.Key("turn").Integer(turn);
  w.Key("label").String(inject.label);
  w.Key("effects").BeginArray();
  for (const Effect& e : inject.effects) {
    w.BeginObject();
    switch (e.kind) {
      case Effect::Kind::kSetActor:
        w.Key("kind").String("set_actor");
        w.Key("actor").String(ActorId(ActorIndex(e.entity)));
        w.Key("field").String(ActorFieldName(e.field));
        if (static_cast<ActorField>(e.field) == ActorField::kNuclear) {
          w.Key("value").Bool(e.value != 0.0);
        } else {
          w.Key("value").Number(e.value);
        }
        break;
      case Effect::Kind::kSetTheater:
        w.Key("kind").String("set_theater");
        w.Key("theater").String(TheaterId(TheaterIndex(e.entity)));
        if (static_cast<TheaterField>(e.field) == TheaterField::kStake) {
          w.Key("field").String("stake");
          w.Key("actor").String(ActorId(ActorIndex(e.other)));
        } else {
          w.Key("field").String("value");
        }
        w.Key("value").Number(e.value);
        break;
      case Effect::Kind::kSetBase:
        w.Key("kind").String("set_base");
        w.Key("base").String(BaseId(e.entity));
        w.Key("field").String("capacity");
        w.Key("value").Number(e.value);
        break;
      case Effect::Kind::kOpen:
        w.Key("kind").String("open");
        w.Key("theater").String(TheaterId(TheaterIndex(e.entity)));
        w.Key("escalation").Number(e.value);
        break;
      case Effect::Kind::kClose:
        w.Key("kind").String("close");
        w.Key("theater").String(TheaterId(TheaterIndex(e.entity)));
        break;
      case Effect::Kind::kTie:
        w.Key("kind").String("tie");
        w.Key("from").String(ActorId(ActorIndex(e.entity)));
        w.Key("to").String(ActorId(ActorIndex(e.other)));
        for (std::size_t i = 0; i < std::size(kTieFields); ++i) {
          if ((e.tie_mask >> i) & 1u) w.Key(kTieFields[i]).Number(TieField(e.tie, i));
        }
        break;
      case Effect::Kind::kCut:
        w.Key("kind").String("cut");
        w.Key("from").String(ActorId(ActorIndex(e.entity)));
        w.Key("to").String(ActorId(ActorIndex(e.other)));
        break;
    }
    w.EndObject();
  }
  w.EndArray();
  EndEvent(w);
}

void RunOutputRecorder::OnTheaterOpened(Turn turn, TheaterIndex theater, int escalation) {
  if (theater.get() < opened_at_.size() && opened_at_[theater.get()] == 0) {
    opened_at_[theater.get()] = turn;
  }
  JsonWriter w = BeginEvent("theater_opened");
  w.Key("turn").Integer(turn);
  w.Key("theater").String(TheaterId(theater));
  w.Key("escalation").Integer(escalation);
  EndEvent(w);
}

void RunOutputRecorder::OnDecision(const DecisionRecord& r) {
  CheckDecisionFinite(scenario_, r);  // never write a NaN utility as null
  JsonWriter w = BeginEvent("decision");
  w.Key("turn").Integer(r.turn);
  w.Key("actor").String(ActorId(r.actor));
  w.Key("theater").String(TheaterId(r.theater));
  w.Key("side").String(SideName(r.side));
  w.Key("pull").Number(r.pull);
  w.Key("observed_own").Number(r.observed_own);
  w.Key("observed_other").Number(r.observed_other);
  w.Key("options").BeginArray();
  for (const WeighedOption& o : r.options) {
    w.BeginObject();
    w.Key("posture").String(PostureName(o.choice.posture));
    w.Key("share").Number(o.choice.share);
    w.Key("move").String(MoveName(o.choice.move));
    w.Key("utility").Number(o.utility);
    w.Key("probability").Number(o.probability);
    w.EndObject();
  }
  w.EndArray();
  if (r.options.empty()) {
    w.Key("chosen").Null();
  } else {
    w.Key("chosen").Unsigned(r.chosen);
  }
  if (r.draw < 0.0) {
    w.Key("draw").Null();
  } else {
    w.Key("draw").Number(r.draw);
  }
  w.Key("applied");
  WriteChoice(w, r.applied);
  EndEvent(w);
}

void RunOutputRecorder::OnAdjudication(const AdjudicationRecord& r) {
  JsonWriter w = BeginEvent("adjudication");
  w.Key("turn").Integer(r.turn);
  w.Key("theater").String(TheaterId(r.theater));
  w.Key("escalation_before").Integer(r.escalation_before);
  w.Key("escalation_after").Integer(r.escalation_after);
  w.Key("move").Integer(r.move);
  w.Key("phi_challengers").Number(r.phi_challengers);
  w.Key("phi_defenders").Number(r.phi_defenders);
  w.Key("p_challengers").Number(r.p_challengers);
  w.Key("control_before").Number(r.control_before);
  w.Key("control_after").Number(r.control_after);
  w.Key("days_fought").Number(r.days_fought);
  w.Key("loss_share_challengers").Number(r.loss_share_challengers);
  w.Key("loss_share_defenders").Number(r.loss_share_defenders);
  w.Key("inadvertent_hazard").Number(r.inadvertent_hazard);
  w.Key("inadvertent").Bool(r.inadvertent);
  w.Key("status").String(TheaterStatusName(r.status));
  EndEvent(w);
}

void RunOutputRecorder::OnNuclearThreshold(const NuclearRecord& r) {
  JsonWriter w = BeginEvent("nuclear_threshold");
  w.Key("turn").Integer(r.turn);
  w.Key("theater").String(TheaterId(r.theater));
  w.Key("cause").String(r.cause == NuclearCause::kInadvertent ? "inadvertent" : "deliberate");
  if (r.has_actor) {
    w.Key("actor").String(ActorId(r.actor));
  } else {
    w.Key("actor").Null();
  }
  w.Key("side").String(SideName(r.side));
  w.Key("hazard").Number(r.hazard);
  w.Key("loss_share").Number(r.loss_share);
  w.Key("patron_stretch").Number(r.patron_stretch);
  EndEvent(w);
}

void RunOutputRecorder::OnAbandonment(const AbandonmentRecord& r) {
  JsonWriter w = BeginEvent("abandonment");
  w.Key("turn").Integer(r.turn);
  w.Key("abandoner").String(ActorId(r.abandoner));
  w.Key("abandoned").String(ActorId(r.abandoned));
  w.Key("theater").String(TheaterId(r.theater));
  w.Key("commitment").Number(r.commitment);
  w.Key("trust_before").Number(r.trust_before);
  w.Key("trust_after").Number(r.trust_after);
  w.Key("delivered_share").Number(r.delivered_share);
  EndEvent(w);
}

void RunOutputRecorder::OnTurn(const TurnRecord& r) {
  const std::size_t n = scenario_.actor_count();
  const std::size_t tcount = scenario_.theater_count();
  if (r.theaters.size() != tcount || r.actors.size() != n || r.deployed.size() < n * tcount ||
      r.choices.size() < n * tcount) {
    throw std::logic_error(
        fmt::format("turn record of turn {} does not match the scenario ({} theaters, {} actors)",
                    r.turn, tcount, n));
  }

  int active = 0;
  for (const TheaterTurn& t : r.theaters) {
    if (t.adjudicated) ++active;
    theaters_.Integer(r.turn).Text(TheaterId(t.theater)).Text(TheaterStatusName(t.status));
    theaters_.Integer(t.escalation).Number(t.control);
    if (t.adjudicated) {
      theaters_.Number(t.p_challengers);
    } else {
      theaters_.Empty();
    }
    theaters_.Number(t.phi_challengers).Number(t.phi_defenders);
    theaters_.Integer(t.coalition_challengers).Integer(t.coalition_defenders);
    if (t.phi_defenders > 0.0) {
      theaters_.Number(t.phi_patron / t.phi_defenders);
    } else {
      theaters_.Empty();
    }
    theaters_.Number(t.phi_patron).Number(t.phi_defenders - t.phi_patron);
    theaters_.Number(t.losses_challengers).Number(t.losses_defenders);
    theaters_.EndRow();
  }

  for (const ActorTurn& a : r.actors) {
    const std::size_t i = a.actor.get();
    if (i >= n) throw std::logic_error("actor index out of range in a turn record");
    actors_.Integer(r.turn).Text(ActorId(a.actor));
    actors_.Number(a.forces).Number(a.available).Number(a.deployed);
    for (std::size_t k = 0; k < tcount; ++k) actors_.Number(r.deployed[i * tcount + k]);
    actors_.Number(a.losses).Number(a.stretch);
    if (a.trust_in_defined) {
      actors_.Number(a.trust_in);
    } else {
      actors_.Empty();
    }
    actors_.Number(a.betweenness);
    for (std::size_t k = 0; k < tcount; ++k) {
      actors_.Text(PostureName(r.choices[i * tcount + k].posture));
    }
    actors_.EndRow();
  }

  for (const TieState& tie : r.ties) {
    network_.Integer(r.turn).Text(ActorId(tie.from)).Text(ActorId(tie.to));
    network_.Number(tie.attrs.commitment).Number(tie.attrs.access).Number(tie.attrs.intel);
    network_.Number(tie.attrs.trust).Number(tie.attrs.hostility);
    network_.EndRow();
  }

  turns_.Integer(r.turn);
  if (r.cohesion_defined) {
    turns_.Number(r.cohesion);
  } else {
    turns_.Empty();
  }
  turns_.Integer(r.abandonments).Integer(active);
  turns_.EndRow();
}

void RunOutputRecorder::OnEnd(const RunSummary& summary) {
  const Json j = SummaryToJson(summary, scenario_);
  JsonWriter w = BeginEvent("end");
  w.Key("summary");
  events_buffer_.append(DumpJson(j));  // once a run: the tree is no cost here
  EndEvent(w);
  summary_text_ = DumpJson(j, 2);
  summary_text_.push_back('\n');
  ended_ = true;
}

bool RunOutputRecorder::Close(std::string* error) {
  bool ok = true;
  std::string first;
  auto note = [&](bool step_ok, const std::string& message) {
    if (!step_ok && ok) {
      ok = false;
      first = message;
    }
  };
  for (CsvWriter* csv : {&theaters_, &actors_, &network_, &turns_}) {
    std::string message;
    const bool closed = csv->Close(&message);
    note(closed, message);
  }

  events_.write(events_buffer_.data(), static_cast<std::streamsize>(events_buffer_.size()));
  events_buffer_.clear();
  events_.flush();
  const bool events_ok = static_cast<bool>(events_);
  events_.close();
  note(events_ok && !events_.fail(),
       fmt::format("error writing {}", (dir_ / "events.jsonl").string()));

  if (!ended_) {
    note(false, "the run ended without a summary");
  } else {
    const fs::path path = dir_ / "summary.json";
    std::ofstream summary(path, std::ios::binary | std::ios::trunc);
    summary.write(summary_text_.data(), static_cast<std::streamsize>(summary_text_.size()));
    summary.flush();
    const bool summary_ok = static_cast<bool>(summary);
    summary.close();
    note(summary_ok && !summary.fail(), fmt::format("error writing {}", path.string()));
  }
  if (!ok) *error = first;
  return ok;
}

// ------------------------------------------------------- staged directory

namespace {

// Creates "<target><infix>XXXXXX" with mkdtemp; false with errno set.
bool MakeUniqueDirectory(const fs::path& target, const char* infix, fs::path* made) {
  std::string pattern = target.string() + infix + "XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) return false;
  *made = pattern;
  return true;
}

// SIGINT/SIGTERM during a run remove its staging directory. The handler may
// only call async-signal-safe functions, so the paths it unlinks (the run
// files, then the directory, which holds nothing else) are prepared here.
constexpr std::size_t kMaxCleanupPath = 4096;
constexpr std::size_t kCleanupFiles = std::size(kRunFiles);
char g_cleanup_files[kCleanupFiles][kMaxCleanupPath];
char g_cleanup_dir[kMaxCleanupPath];
volatile std::sig_atomic_t g_cleanup_armed = 0;
struct sigaction g_previous_int, g_previous_term;

extern "C" void CleanupOnSignal(int signal) {
  if (g_cleanup_armed != 0) {
    for (std::size_t i = 0; i < kCleanupFiles; ++i) ::unlink(g_cleanup_files[i]);
    ::rmdir(g_cleanup_dir);
  }
  // Then die of the signal as if no handler had been installed.
  ::signal(signal, SIG_DFL);
  ::raise(signal);
}

void ArmSignalCleanup(const fs::path& dir) {
  const std::string base = dir.string();
  if (base.size() + 32 >= kMaxCleanupPath) return;  // too long to prepare: no cleanup
  std::snprintf(g_cleanup_dir, kMaxCleanupPath, "%s", base.c_str());
  for (std::size_t i = 0; i < kCleanupFiles; ++i) {
    std::snprintf(g_cleanup_files[i], kMaxCleanupPath, "%s/%s", base.c_str(), kRunFiles[i]);
  }
  struct sigaction action {};
  action.sa_handler = CleanupOnSignal;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGINT, &action, &g_previous_int);
  ::sigaction(SIGTERM, &action, &g_previous_term);
  g_cleanup_armed = 1;
}

void DisarmSignalCleanup() {
  if (g_cleanup_armed == 0) return;
  g_cleanup_armed = 0;
  ::sigaction(SIGINT, &g_previous_int, nullptr);
  ::sigaction(SIGTERM, &g_previous_term, nullptr);
}

}  // namespace

StagedDirectory::StagedDirectory(fs::path target) : target_(std::move(target)) {}

StagedDirectory::~StagedDirectory() {
  if (begun_ && !committed_) {
    DisarmSignalCleanup();
    std::error_code ec;
    fs::remove_all(staging_, ec);  // best effort: nothing to report from a destructor
  }
}

bool StagedDirectory::Begin(std::string* error, bool* bad_input) {
  *bad_input = false;
  target_ = target_.lexically_normal();
  if (!target_.has_filename() && target_.has_parent_path()) target_ = target_.parent_path();
  const std::string name = target_.filename().string();
  if (name.empty() || name == "." || name == "..") {
    *bad_input = true;
    *error = fmt::format("cannot use '{}' as the output directory: name a new directory",
                         target_.string());
    return false;
  }

  std::error_code ec;
  const fs::file_status status = fs::symlink_status(target_, ec);
  if (fs::exists(status)) {
    if (fs::is_symlink(status)) {
      *bad_input = true;
      *error = fmt::format("{} is a symbolic link: name a directory", target_.string());
      return false;
    }
    if (!fs::is_directory(status)) {
      *bad_input = true;
      *error = fmt::format("{} exists and is not a directory", target_.string());
      return false;
    }
    // Only an earlier run's directory is replaced: never delete what we did
    // not write.
    for (fs::directory_iterator it(target_, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string entry = it->path().filename().string();
      const bool known = std::any_of(std::begin(kRunFiles), std::end(kRunFiles),
                                     [&](const char* f) { return entry == f; });
      std::error_code type_ec;
      if (!known || !it->is_regular_file(type_ec) || it->is_symlink(type_ec)) {
        *bad_input = true;
        *error = fmt::format(
            "{} exists and is not a run directory (it holds '{}'); "
            "remove it or choose another --out",
            target_.string(), entry);
        return false;
      }
    }
    if (ec) {
      *error = fmt::format("cannot read {}: {}", target_.string(), ec.message());
      return false;
    }
  }

  const fs::path parent = target_.parent_path();
  if (!parent.empty()) {
    fs::create_directories(parent, ec);
    if (ec) {
      *bad_input = true;
      *error = fmt::format("cannot create {}: {}", parent.string(), ec.message());
      return false;
    }
  }
  // A fresh name made by mkdtemp: a directory that happens to be called
  // like ours is never touched, let alone deleted. SIGINT/SIGTERM are held
  // back until the cleanup is armed: one arriving between mkdtemp and the
  // handler would leave the staging directory behind.
  sigset_t stops, previous;
  sigemptyset(&stops);
  sigaddset(&stops, SIGINT);
  sigaddset(&stops, SIGTERM);
  ::pthread_sigmask(SIG_BLOCK, &stops, &previous);
  const bool made = MakeUniqueDirectory(target_, ".partial-", &staging_);
  const int made_errno = errno;
  if (made) ArmSignalCleanup(staging_);
  ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  if (!made) {
    *bad_input = true;  // most likely the chosen place is not writable
    *error = fmt::format("cannot create a staging directory beside {}: {}", target_.string(),
                         std::strerror(made_errno));
    return false;
  }
  begun_ = true;
  return true;
}

bool StagedDirectory::Commit(std::string* error) {
  std::error_code ec;
  fs::path old;
  if (fs::exists(fs::symlink_status(target_, ec))) {
    // rename() replaces an empty directory: the fresh one made here.
    if (!MakeUniqueDirectory(target_, ".old-", &old)) {
      *error = fmt::format("cannot move {} aside: {}", target_.string(), std::strerror(errno));
      return false;
    }
    fs::rename(target_, old, ec);
    if (ec) {
      *error = fmt::format("cannot move {} aside: {}", target_.string(), ec.message());
      std::error_code ignored;
      fs::remove(old, ignored);  // still the empty directory made above
      return false;
    }
  }
  fs::rename(staging_, target_, ec);
  if (ec) {
    *error =
        fmt::format("cannot move {} to {}: {}", staging_.string(), target_.string(), ec.message());
    if (!old.empty()) {
      std::error_code restore;
      fs::rename(old, target_, restore);
    }
    return false;
  }
  committed_ = true;
  DisarmSignalCleanup();
  if (!old.empty()) fs::remove_all(old, ec);  // the new run is in place either way
  return true;
}

}  // namespace overstretch::cli
