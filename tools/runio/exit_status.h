// Process exit statuses shared by the command line and the libraries that run
// whole sessions (terminal play, MPI ranks). Here, in the lowest tools layer,
// so that no library depends on the command line.
//   0 ok, 2 bad input (arguments, scenario errors, unreadable files),
//   1 internal error.
#pragma once

namespace overstretch::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;
inline constexpr int kExitBadInput = 2;

}  // namespace overstretch::cli
