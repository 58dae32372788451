// The commit kill hook (commit_kill_hook.h).
#include "tools/studies/commit_kill_hook.h"

#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

namespace overstretch::cli {
namespace {

struct KillPlan {
  bool enabled = false;
  long commit = 0;  // 0: the creation's commit
  CommitMoment moment = CommitMoment::kBefore;
};

KillPlan ReadPlan() {
  KillPlan plan;
  const char* text = std::getenv("OVERSTRETCH_TEST_KILL_AT_COMMIT");
  if (text == nullptr) return plan;
  std::string value = text;
  if (!value.empty() && value.back() == '+') {
    plan.moment = CommitMoment::kAfter;
    value.pop_back();
  }
  char* end = nullptr;
  const long n = std::strtol(value.c_str(), &end, 10);
  if (value.empty() || *end != '\0' || n < 0) return plan;
  plan.enabled = true;
  plan.commit = n;
  if (n == 0) plan.moment = CommitMoment::kCreate;
  return plan;
}

}  // namespace

void CommitKillHook(CommitMoment moment) {
  static const KillPlan plan = ReadPlan();
  static long commits = 0;  // the writer thread is the only caller
  if (!plan.enabled) return;
  if (moment == CommitMoment::kBefore) ++commits;
  if (moment == CommitMoment::kCreate && plan.moment == moment) ::kill(::getpid(), SIGKILL);
  if (commits == plan.commit && moment == plan.moment) ::kill(::getpid(), SIGKILL);
}

}  // namespace overstretch::cli
