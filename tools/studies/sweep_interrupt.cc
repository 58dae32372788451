// Signal handling for sweeps (sweep_interrupt.h).
#include "tools/studies/sweep_interrupt.h"

namespace overstretch::cli {
namespace {

std::atomic<bool> g_interrupted{false};
// A signal handler may only touch lock-free atomics.
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void OnInterrupt(int) { g_interrupted.store(true); }

}  // namespace

InterruptGuard::InterruptGuard() {
  g_interrupted = false;
  struct sigaction action {};
  action.sa_handler = OnInterrupt;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, &old_int_);
  sigaction(SIGTERM, &action, &old_term_);
}

InterruptGuard::~InterruptGuard() {
  sigaction(SIGINT, &old_int_, nullptr);
  sigaction(SIGTERM, &old_term_, nullptr);
}

const std::atomic<bool>* InterruptGuard::stop() { return &g_interrupted; }

}  // namespace overstretch::cli
