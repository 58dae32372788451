// The summary `overstretch run` prints (run_summary_text.h).
#include "tools/runio/run_summary_text.h"

#include <fmt/format.h>

#include <optional>

#include "engine/world_state.h"
#include "tools/runio/summary_json.h"
#include "tools/runio/text_table.h"

namespace overstretch::cli {
namespace {

// A share to three decimals, or n/a.
std::string Fixed(const std::optional<double>& x) {
  return x ? fmt::format("{:.3f}", *x) : std::string("n/a");
}

}  // namespace

void PrintRunSummary(const Scenario& scenario, const RunSummary& s,
                     const std::vector<Turn>& opened_at, const std::string& dir,
                     std::ostream& out) {
  out << fmt::format("{}  seed {}  {} turns played\n\n", Printable(scenario.name), s.seed,
                     s.turns_played);

  const std::vector<std::string> head = {"theater", "opened",   "max esc", "control",
                                         "status",  "deterred", "lost",    "allied burden"};
  std::vector<std::vector<std::string>> rows;
  for (std::size_t k = 0; k < scenario.theaters.size() && k < s.theaters.size(); ++k) {
    const TheaterSummary& t = s.theaters[k];
    const Turn opened = k < opened_at.size() ? opened_at[k] : 0;
    rows.push_back({scenario.theaters[k].id, opened > 0 ? fmt::format("turn {}", opened) : "never",
                    fmt::format("{}", t.max_escalation), fmt::format("{:.3f}", t.final_control),
                    TheaterStatusName(t.final_status), t.deterred ? "yes" : "no",
                    t.lost ? "yes" : "no", Fixed(t.allied_burden_share)});
  }
  PrintTable(out, head, rows);

  out << '\n';
  // Every run metric, named as in summary.json (engine/metrics.h).
  for (const RunMetric& m : RunMetrics()) {
    const std::string value = MetricText(m, m.value(s));
    const std::string line = fmt::format("{:<27}{:<10}{}", m.name, value, m.unit);
    out << line.substr(0, line.find_last_not_of(' ') + 1) << '\n';
  }
  out << fmt::format(
      "\nwrote {}/ (theaters.csv actors.csv network.csv turns.csv events.jsonl "
      "summary.json)\n",
      dir);
}

}  // namespace overstretch::cli
