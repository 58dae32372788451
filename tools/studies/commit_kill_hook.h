// A test hook for the crash-safety test of the results file
// (tests/results_crash_test.cc, docs/reliability.md): with the environment
// variable OVERSTRETCH_TEST_KILL_AT_COMMIT=N the process kills itself with
// SIGKILL just before the Nth commit of runs (its transaction written to
// SQLite but not committed), with N+ just after that commit returned, and
// with 0 just before the commit that creates the file (schema, study and
// design written, not committed).
// Unset (always, outside that test) it does nothing. SIGKILL, not abort():
// nothing may run on the way out, as when the machine or `kill -9` stops it.
#pragma once

namespace overstretch::cli {

enum class CommitMoment { kCreate, kBefore, kAfter };

// Called by ResultsStore::Create before its commit, and by
// ResultsStore::Commit around each commit of runs.
void CommitKillHook(CommitMoment moment);

}  // namespace overstretch::cli
