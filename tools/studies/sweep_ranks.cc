// Loading a sweep's study on one process or every MPI rank (sweep_ranks.h).
#include "tools/studies/sweep_ranks.h"

#include <fmt/format.h>

#include "tools/runio/exit_status.h"
#include "tools/studies/sweep_interrupt.h"

namespace overstretch::cli {

std::optional<LeaderStudy> LoadSweepStudy(const std::string& path, const ModelRegistry& registry,
                                          MpiSession* mpi, const std::string& command,
                                          std::ostream& err, int* exit) {
  *exit = kExitBadInput;
  const bool leader = !mpi || mpi->rank() == 0;  // rank 0 speaks and writes
  StudyLoadResult loaded = LoadStudy(path, registry);
  if (!loaded.study) {
    bool leader_ok = false;
    if (mpi) mpi->Agree(false, 0, &leader_ok);
    if (!leader && !leader_ok) return std::nullopt;  // rank 0 reports it
    if (!leader) err << fmt::format("{}: rank {}: ", command, mpi->rank());
    for (const Diagnostic& d : loaded.diagnostics) err << FormatDiagnostic(d) << '\n';
    if (loaded.diagnostics.empty()) {
      err << fmt::format("{}: error: {}: the study could not be loaded\n", command, path);
    }
    return std::nullopt;
  }
  LeaderStudy out{std::move(*loaded.study), {}};
  out.design = MakeDesign(out.study);
  if (mpi) {
    bool leader_ok = false;
    if (!mpi->Agree(true, StudyFingerprint(out.study, out.design), &leader_ok)) {
      if (leader) {
        err << fmt::format(
            "{}: error: {}: the MPI ranks do not all see the same study and base scenario (a "
            "file differs or is missing on some node)\n",
            command, path);
      }
      return std::nullopt;
    }
    if (!leader) {
      PreparePatcher(&out.study, registry);
      InterruptGuard guard;
      mpi->Work(out.study, out.design, registry, InterruptGuard::stop());
      *exit = InterruptGuard::interrupted() ? kExitInterrupted : kExitOk;
      return std::nullopt;
    }
  }
  *exit = kExitOk;
  return out;
}

}  // namespace overstretch::cli
