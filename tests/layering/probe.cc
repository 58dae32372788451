// Compiled with one library's include directories and LAYERING_HEADER set to
// a header of another library (tests/layering/CMakeLists.txt): it compiles
// exactly when that library may include the header.
#include LAYERING_HEADER
