// A build without MPI (OVERSTRETCH_MPI off, or MPI not found): `sweep --mpi`
// says so (tools/mpi_sweep.h); nothing else here is ever reached.
#include "tools/studies/mpi_sweep.h"

namespace overstretch::cli {

std::unique_ptr<MpiSession> MpiSession::Start(std::string* error) {
  *error = kNoMpiMessage;
  return nullptr;
}

MpiSession::~MpiSession() = default;

bool MpiSession::Agree(bool ok, std::uint64_t, bool* leader_ok) {
  *leader_ok = ok;
  return ok;
}

SweepStats MpiSession::Coordinate(const Study&, const UnitDesign&, const ModelRegistry&,
                                  const SweepOptions&, RunSink&, SweepProgress*) {
  return {};
}

std::uint64_t MpiSession::Work(const Study&, const UnitDesign&, const ModelRegistry&,
                               const std::atomic<bool>*) {
  return 0;
}

}  // namespace overstretch::cli
