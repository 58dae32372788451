// Stopping a sweep with Ctrl-C: while an InterruptGuard lives, SIGINT and
// SIGTERM set a flag instead of ending the process, so that the sweep stops
// scheduling runs, saves those finished and says how to resume
// (docs/studies.md, "resume"). One guard at a time; the previous handlers
// come back when it ends.
#pragma once

#include <atomic>
#include <csignal>

namespace overstretch::cli {

// 128 + SIGINT, as shells report a process ended by Ctrl-C.
inline constexpr int kExitInterrupted = 130;

class InterruptGuard {
 public:
  InterruptGuard();  // clears the flag and installs the handlers
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  // The flag a signal sets: SweepOptions::stop, MpiSession::Work's `stop`.
  static const std::atomic<bool>* stop();
  static bool interrupted() { return stop()->load(); }

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

}  // namespace overstretch::cli
